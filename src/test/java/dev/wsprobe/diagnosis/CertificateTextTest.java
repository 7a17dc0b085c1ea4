package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.certificates.DevelopmentCertificates;
import dev.wsprobe.testing.TestPki;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateTextTest {
    @Test
    void namesAreTheDnsAndIpAlternativeNames() {
        X509Certificate certificate = new TestPki().serverIdentity("localhost", "127.0.0.1").certificate();
        assertEquals(List.of("localhost", "127.0.0.1"), CertificateText.names(certificate));
    }

    @Test
    void describeNamesSubjectNamesIssuerAndEnd() {
        X509Certificate certificate = new TestPki().serverIdentity("localhost").certificate();
        assertEquals("certificate " + certificate.getSubjectX500Principal().getName() + ", names: localhost, issued by "
                + "CN=wsprobe test CA,O=wsprobe development, valid until " + certificate.getNotAfter().toInstant(),
                CertificateText.describe(certificate));
        assertEquals("issued by CN=wsprobe test CA,O=wsprobe development, an unknown CA", CertificateText.issuer(certificate));
    }

    @Test
    void aSelfSignedCertificateSaysSo() {
        X509Certificate certificate = DevelopmentCertificates.selfSigned(List.of("localhost")).certificate();
        assertEquals("self-signed", CertificateText.issuer(certificate));
    }
}
