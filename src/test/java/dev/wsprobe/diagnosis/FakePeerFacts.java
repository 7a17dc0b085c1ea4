package dev.wsprobe.diagnosis;

import java.security.cert.X509Certificate;

/** What the probes would have found, as a table row says: no sockets. */
record FakePeerFacts(boolean speaksTls, boolean speaksPlainHttp, boolean requestsClientCertificate,
        X509Certificate certificate) implements PeerFacts {
    static final FakePeerFacts NOTHING = new FakePeerFacts(false, false, false, null);

    static FakePeerFacts tls() {
        return new FakePeerFacts(true, false, false, null);
    }

    static FakePeerFacts plainHttp() {
        return new FakePeerFacts(false, true, false, null);
    }

    static FakePeerFacts mutualTls() {
        return new FakePeerFacts(true, false, true, null);
    }

    static FakePeerFacts presenting(X509Certificate certificate) {
        return new FakePeerFacts(true, false, false, certificate);
    }
}
