package dev.wsprobe.cli;

import dev.wsprobe.standalone.ClientAuth;
import dev.wsprobe.certificates.DevelopmentCertificates;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.Passwords;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Option;

/** The server's TLS identity: a PKCS12 keystore, or a self-signed certificate made at start-up. */
public final class ServerTlsOptions {
    static final String PASSWORD_VARIABLE = "WSPROBE_KEYSTORE_PASSWORD";

    // The keystore and its password file can come from the environment too, so a container gets TLS from
    // mounted secrets and environment variables alone (see docker/standalone/Dockerfile).
    @Option(names = "--keystore", paramLabel = "FILE", defaultValue = "${env:WSPROBE_KEYSTORE}",
            description = "PKCS12 keystore with the server's key and certificate chain; turns on the wss listener "
                    + "(env WSPROBE_KEYSTORE).")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            defaultValue = "${env:WSPROBE_KEYSTORE_PASSWORD_FILE}",
            description = "File whose first line is the keystore password (env WSPROBE_KEYSTORE_PASSWORD_FILE; "
                    + "default: environment variable " + PASSWORD_VARIABLE + ").")
    Path keystorePasswordFile;

    @Option(names = "--self-signed",
            description = "Make a development certificate for localhost, 127.0.0.1 and ::1 at start-up; "
                    + "turns on the wss listener and writes the certificate (PEM) for clients to trust.")
    boolean selfSigned;

    @Option(names = "--cert-out", paramLabel = "FILE",
            description = "Where --self-signed writes its certificate (default: wsprobe-<tls port>.pem in the "
                    + "temporary directory).")
    Path certificateOut;

    @Option(names = "--client-auth", paramLabel = "MODE", defaultValue = "none",
            converter = ClientAuthConverter.class,
            description = "Mutual TLS: none, want (ask for a client certificate) or need (refuse clients without "
                    + "one); needs --client-ca (default: ${DEFAULT-VALUE}).")
    ClientAuth clientAuth;

    @Option(names = "--client-ca", paramLabel = "FILE",
            description = "PEM file with the CA certificate(s) whose client certificates are accepted.")
    Path clientCa;

    /** The self-signed identity, when one was made, so its certificate can be written once the port is known. */
    private TlsIdentity selfSignedIdentity;

    boolean wanted() {
        return keystore != null || selfSigned;
    }

    SSLContext createContext() {
        if (keystore != null && selfSigned) {
            throw new UserError(ExitCodes.USAGE, "choose --keystore or --self-signed, not both");
        }
        if ((clientAuth != ClientAuth.NONE) != (clientCa != null)) {
            throw new UserError(ExitCodes.USAGE, clientCa == null
                    ? "--client-auth " + clientAuth.name().toLowerCase(java.util.Locale.ROOT)
                            + " needs --client-ca FILE: the CA whose client certificates to accept"
                    : "--client-ca is only used with --client-auth want or need");
        }
        try {
            KeyStore store;
            char[] password;
            if (selfSigned) {
                selfSignedIdentity = DevelopmentCertificates.selfSigned(DevelopmentCertificates.LOCAL_NAMES);
                password = randomPassword();
                store = selfSignedIdentity.toKeyStore(password);
            } else {
                password = Passwords.read(keystorePasswordFile, PASSWORD_VARIABLE, "keystore " + keystore);
                store = KeyStores.loadPkcs12(keystore, password);
                KeyStores.firstKeyCertificate(store);
            }
            return clientCa == null ? SslContexts.forServer(store, password)
                    : SslContexts.forServer(store, password, KeyStores.trustStoreFromPem(clientCa));
        } catch (TlsSetupException e) {
            throw new UserError(ExitCodes.SETUP, e.getMessage(), e);
        }
    }

    /** Writes the self-signed certificate, if any, and returns where; the log tells clients to trust it. */
    Path writeSelfSignedCertificate(int tlsPort) {
        if (selfSignedIdentity == null) {
            return null;
        }
        Path target = certificateOut != null ? certificateOut
                : Path.of(System.getProperty("java.io.tmpdir"), "wsprobe-" + tlsPort + ".pem");
        try {
            Files.writeString(target, selfSignedIdentity.certificatePem(), StandardCharsets.US_ASCII);
            return target;
        } catch (IOException e) {
            throw new UserError(ExitCodes.SETUP, "cannot write the self-signed certificate to " + target + ": "
                    + e.getMessage() + " (choose another place with --cert-out)", e);
        }
    }

    /** {@code none}, {@code want}, {@code need}, in any case. */
    static final class ClientAuthConverter implements picocli.CommandLine.ITypeConverter<ClientAuth> {
        @Override
        public ClientAuth convert(String value) {
            try {
                return ClientAuth.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a client-auth mode; use none, want or need");
            }
        }
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes).toCharArray();
    }
}
