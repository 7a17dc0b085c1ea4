package dev.wsprobe.testing;

import dev.wsprobe.certificates.DevelopmentCertificates;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
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

    /** Files a server outside Java (nginx) reads: the PEM chain, leaf first, and the unencrypted PKCS#8 key. */
    public record PemFiles(Path certificateChain, Path privateKey) {
    }

    /** Writes {@code identity} as {@code <name>.crt} and {@code <name>.key} (owner-only) into {@code dir}. */
    public static PemFiles writePem(TlsIdentity identity, Path dir, String name)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder chain = new StringBuilder();
        identity.chain().forEach(certificate -> chain.append(TlsIdentity.toPem(certificate)));
        Path certificateFile = Files.writeString(dir.resolve(name + ".crt"), chain);
        Path keyFile = dir.resolve(name + ".key");
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(identity.privateKey().getEncoded());
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n");
        return new PemFiles(certificateFile, keyFile);
    }
}
