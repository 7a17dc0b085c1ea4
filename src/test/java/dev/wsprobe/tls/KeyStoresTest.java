package dev.wsprobe.tls;

import dev.wsprobe.certificates.DevelopmentCertificates;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keystores, PEM files and passwords: the mistakes users make get a message that names file and fix. */
class KeyStoresTest {
    @TempDir
    Path dir;

    private Path writeKeystore(char[] password) throws Exception {
        TlsIdentity identity = DevelopmentCertificates.selfSigned(List.of("localhost"));
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            identity.toKeyStore(password).store(out, password);
        }
        return file;
    }

    @Test
    void opensAKeystoreWithTheRightPassword() throws Exception {
        Path file = writeKeystore("right".toCharArray());
        KeyStore store = KeyStores.loadPkcs12(file, "right".toCharArray());
        assertEquals("CN=localhost,O=wsprobe development",
                KeyStores.firstKeyCertificate(store).getSubjectX500Principal().getName());
    }

    @Test
    void wrongPasswordIsNamedAsSuch() throws Exception {
        Path file = writeKeystore("right".toCharArray());
        TlsSetupException error = assertThrows(TlsSetupException.class,
                () -> KeyStores.loadPkcs12(file, "wr0ng-Passw0rd".toCharArray()));
        assertTrue(error.getMessage().contains("password is wrong"), error.getMessage());
        for (Throwable link = error; link != null; link = link.getCause()) {
            assertFalse(String.valueOf(link.getMessage()).contains("wr0ng-Passw0rd"), "a password in a message");
            assertFalse(String.valueOf(link.getMessage()).contains("right"), "a password in a message");
        }
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("nope.p12");
        TlsSetupException error = assertThrows(TlsSetupException.class,
                () -> KeyStores.loadPkcs12(missing, "x".toCharArray()));
        assertEquals("keystore " + missing + " does not exist", error.getMessage());
    }

    @Test
    void pemWithoutCertificatesIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
        TlsSetupException error = assertThrows(TlsSetupException.class, () -> KeyStores.trustStoreFromPem(file));
        assertTrue(error.getMessage().contains("expected PEM"), error.getMessage());
    }

    @Test
    void pemCertificateBecomesATrustedEntry() throws Exception {
        TlsIdentity identity = DevelopmentCertificates.selfSigned(List.of("localhost"));
        Path file = Files.writeString(dir.resolve("cert.pem"), identity.certificatePem());
        KeyStore trust = KeyStores.trustStoreFromPem(file);
        assertArrayEquals(identity.certificate().getEncoded(),
                trust.getCertificate(trust.aliases().nextElement()).getEncoded());
    }

    @Test
    void passwordComesFromTheFirstLineOfItsFileElseTheEnvironment() throws Exception {
        Path file = Files.writeString(dir.resolve("pw"), "s3cret\r\nignored\n");
        assertArrayEquals("s3cret".toCharArray(), Passwords.read(file, "PW", "test", Map.of("PW", "env")));
        assertArrayEquals("env".toCharArray(), Passwords.read(null, "PW", "test", Map.of("PW", "env")));
        TlsSetupException none = assertThrows(TlsSetupException.class,
                () -> Passwords.read(null, "PW", "keystore k.p12", Map.of()));
        assertTrue(none.getMessage().contains("PW"), none.getMessage());
    }
}
