package dev.wsprobe.testing;

import dev.wsprobe.tls.DevelopmentCertificates;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import java.util.List;
import javax.net.ssl.SSLContext;

/** A certificate authority made for one test class, and contexts that trust it or present its certificates. */
public final class TestPki {
    private final DevelopmentCertificates.Authority authority =
            DevelopmentCertificates.newAuthority("wsprobe test CA");

    /** A server identity issued by this CA for the given names. */
    public TlsIdentity serverIdentity(String... names) {
        return authority.issue(List.of(names));
    }

    /** The same with a chosen validity (expired, not yet valid). */
    public TlsIdentity issue(List<String> names, java.time.Instant notBefore, java.time.Instant notAfter) {
        return authority.issue(names, notBefore, notAfter);
    }

    public SSLContext serverContext(TlsIdentity identity) {
        char[] password = "test".toCharArray();
        try {
            return SslContexts.forServer(identity.toKeyStore(password), password);
        } catch (TlsSetupException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client context trusting this CA only. */
    public SSLContext trustingClientContext() {
        try {
            return SslContexts.trusting(KeyStores.trustStoreOf(authority.certificate()));
        } catch (TlsSetupException e) {
            throw new IllegalStateException(e);
        }
    }

    public java.security.cert.X509Certificate authorityCertificate() {
        return authority.certificate();
    }

    public String caPem() {
        return TlsIdentity.toPem(authority.certificate());
    }
}
