package dev.wsprobe.diagnosis;

import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Classifies a failed TLS handshake. Pure but for the probes it asks through {@link PeerFacts}. */
final class TlsFailures {
    private TlsFailures() {
    }

    /**
     * @param failure what the handshake threw
     * @param peer    asked only when the failure alone does not tell
     * @param now     to judge the certificate's validity
     * @param timeout the handshake's timeout, for the words
     */
    static StepFailure of(Exception failure, CheckTarget target, PeerFacts peer, Instant now, Duration timeout) {
        if (failure instanceof SocketTimeoutException) {
            if (peer.speaksPlainHttp()) {
                return new StepFailure(DiagnosisCode.Step.TLS, "no TLS answer; the port speaks plain HTTP",
                        tlsNotSpoken(target.port()));
            }
            return new StepFailure(DiagnosisCode.Step.TLS, "no TLS answer within " + Words.seconds(timeout),
                    new Diagnosis(DiagnosisCode.HANDSHAKE_TIMEOUT, "connected to port " + target.port()
                            + ", but no TLS handshake answer within " + Words.seconds(timeout),
                            "is this a TLS (wss) port? is the server overloaded?"));
        }
        return new StepFailure(DiagnosisCode.Step.TLS, Failures.summary(failure), diagnose(failure, target, peer, now));
    }

    private static Diagnosis diagnose(Exception failure, CheckTarget target, PeerFacts peer, Instant now) {
        if (JdkMessages.isClientCertificateAlert(failure)) {
            return clientCertificateRejected();
        }
        X509Certificate leaf = peer.certificate();
        String message = Failures.summary(failure);
        if (leaf == null) {
            if (JdkMessages.isNotTls(message) || peer.speaksPlainHttp()) {
                return tlsNotSpoken(target.port());
            }
            return new Diagnosis(DiagnosisCode.TLS_FAILED, "the TLS handshake with port " + target.port() + " failed: "
                    + message, "is this a TLS (wss) port?");
        }
        String names = String.join(", ", CertificateText.names(leaf));
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            return new Diagnosis(DiagnosisCode.CERTIFICATE_EXPIRED, "certificate for " + names + " expired on "
                    + leaf.getNotAfter().toInstant(), "renew the server's certificate (or check this machine's clock)");
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return new Diagnosis(DiagnosisCode.CERTIFICATE_NOT_YET_VALID, "certificate for " + names
                    + " is not valid before " + leaf.getNotBefore().toInstant(),
                    "check the clocks of this machine and of the server");
        }
        if (JdkMessages.isHostNameMismatch(message)) {
            return new Diagnosis(DiagnosisCode.HOST_NAME_MISMATCH, "certificate is for \"" + names
                    + "\" but you connected to \"" + target.host() + "\"", "use a name the certificate covers");
        }
        if (JdkMessages.isUntrusted(message)) {
            return new Diagnosis(DiagnosisCode.CERTIFICATE_UNTRUSTED, "server certificate for " + names
                    + " is not trusted (" + CertificateText.issuer(leaf) + ")",
                    "pass --cacert with its CA, or --insecure for testing only");
        }
        if (JdkMessages.isClosedUnderUs(message) && peer.requestsClientCertificate()) {
            // TLS 1.3: a server that refuses our certificate may close while we still write our side of the
            // handshake, so we see the closed socket, not its alert (more often when the server is quick)
            return clientCertificateRejected();
        }
        return new Diagnosis(DiagnosisCode.TLS_FAILED, "the TLS handshake failed: " + message,
                "compare the TLS versions and ciphers of both sides (wsprobe allows TLS 1.2 and 1.3)");
    }

    static Diagnosis clientCertificateRejected() {
        return new Diagnosis(DiagnosisCode.CLIENT_CERTIFICATE_REJECTED, "the server requires a client certificate "
                + "(mutual TLS) and did not accept ours (or we sent none)",
                "pass --cert and --key (or --client-keystore) with a certificate issued by a CA the server trusts");
    }

    static Diagnosis tlsExpected(int port) {
        return new Diagnosis(DiagnosisCode.TLS_EXPECTED, "the server at port " + port + " answered with TLS",
                "use wss:// instead of ws://");
    }

    static Diagnosis tlsNotSpoken(int port) {
        return new Diagnosis(DiagnosisCode.TLS_NOT_SPOKEN, "the server at port " + port + " does not speak TLS",
                "use ws://, or point at its TLS port");
    }
}
