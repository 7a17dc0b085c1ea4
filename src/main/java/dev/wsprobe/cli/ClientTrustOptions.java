package dev.wsprobe.cli;

import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.certificates.PemIdentity;
import dev.wsprobe.tls.Passwords;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import java.nio.file.Path;
import java.security.KeyStore;
import picocli.CommandLine.Option;

/** Whom a wss:// client trusts. Without options: the JDK's default certificate authorities. */
public final class ClientTrustOptions {
    static final String PASSWORD_VARIABLE = "WSPROBE_TRUSTSTORE_PASSWORD";

    @Option(names = "--cacert", paramLabel = "FILE",
            description = "Trust the certificates in this PEM file (a CA, or a self-signed server certificate).")
    Path caCertificate;

    @Option(names = "--truststore", paramLabel = "FILE", description = "Trust the certificates in this PKCS12 file.")
    Path trustStore;

    @Option(names = "--truststore-password-file", paramLabel = "FILE",
            description = "File whose first line is the truststore password (default: environment variable "
                    + PASSWORD_VARIABLE + ").")
    Path trustStorePasswordFile;

    @Option(names = "--insecure",
            description = "Trust any certificate and skip the host-name check. For testing only: prints a warning "
                    + "every time it is used.")
    boolean insecure;

    static final String CLIENT_PASSWORD_VARIABLE = "WSPROBE_CLIENT_KEYSTORE_PASSWORD";

    @Option(names = "--cert", paramLabel = "FILE",
            description = "Client certificate (PEM, with its chain) for servers that ask for one (mutual TLS).")
    Path clientCertificate;

    @Option(names = "--key", paramLabel = "FILE", description = "The client certificate's private key (PEM, unencrypted).")
    Path clientKey;

    @Option(names = "--client-keystore", paramLabel = "FILE",
            description = "Client certificate and key as a PKCS12 file, instead of --cert and --key.")
    Path clientKeystore;

    @Option(names = "--client-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the client keystore's password (default: environment variable "
                    + CLIENT_PASSWORD_VARIABLE + ").")
    Path clientKeystorePasswordFile;

    boolean anyGiven() {
        return caCertificate != null || trustStore != null || insecure || clientIdentityGiven();
    }

    private boolean clientIdentityGiven() {
        return clientCertificate != null || clientKey != null || clientKeystore != null;
    }

    /** The client certificate, when one was given. */
    private TlsIdentity clientIdentity() throws TlsSetupException {
        if ((clientCertificate == null) != (clientKey == null)) {
            throw new UserError(ExitCodes.USAGE, "--cert and --key go together");
        }
        if (clientCertificate != null && clientKeystore != null) {
            throw new UserError(ExitCodes.USAGE, "choose --cert/--key or --client-keystore, not both");
        }
        if (clientCertificate != null) {
            return PemIdentity.load(clientCertificate, clientKey);
        }
        char[] password = Passwords.read(clientKeystorePasswordFile, CLIENT_PASSWORD_VARIABLE,
                "client keystore " + clientKeystore);
        KeyStore store = KeyStores.loadPkcs12(clientKeystore, password);
        return KeyStores.identity(store, password);
    }

    ClientTls create() {
        if ((caCertificate != null ? 1 : 0) + (trustStore != null ? 1 : 0) + (insecure ? 1 : 0) > 1) {
            throw new UserError(ExitCodes.USAGE, "choose one of --cacert, --truststore and --insecure");
        }
        try {
            if (insecure) {
                if (clientIdentityGiven()) {
                    throw new UserError(ExitCodes.USAGE, "--insecure cannot be combined with a client certificate; "
                            + "trust the server with --cacert instead");
                }
                return new ClientTls(SslContexts.trustingAnything(), false);
            }
            KeyStore trusted = null; // the JDK's default authorities
            if (caCertificate != null) {
                trusted = KeyStores.trustStoreFromPem(caCertificate);
            } else if (trustStore != null) {
                char[] password = Passwords.read(trustStorePasswordFile, PASSWORD_VARIABLE, "truststore " + trustStore);
                trusted = KeyStores.loadPkcs12(trustStore, password);
            }
            if (clientIdentityGiven()) {
                return ClientTls.verifying(SslContexts.withClientCertificate(trusted, clientIdentity()));
            }
            return ClientTls.verifying(trusted == null ? SslContexts.trustingSystemDefaults()
                    : SslContexts.trusting(trusted));
        } catch (TlsSetupException e) {
            throw new UserError(ExitCodes.SETUP, e.getMessage(), e);
        }
    }
}
