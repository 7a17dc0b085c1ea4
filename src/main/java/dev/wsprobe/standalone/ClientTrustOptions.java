package dev.wsprobe.standalone;

import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.Passwords;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsSetupException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Whom a wss:// client trusts. Without options: the JDK's default certificate authorities. */
final class ClientTrustOptions {
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

    boolean anyGiven() {
        return caCertificate != null || trustStore != null || insecure;
    }

    ClientTls create() {
        if ((caCertificate != null ? 1 : 0) + (trustStore != null ? 1 : 0) + (insecure ? 1 : 0) > 1) {
            throw new UserError(ExitCodes.USAGE, "choose one of --cacert, --truststore and --insecure");
        }
        try {
            if (insecure) {
                return new ClientTls(SslContexts.trustingAnything(), false);
            }
            if (caCertificate != null) {
                return ClientTls.verifying(SslContexts.trusting(KeyStores.trustStoreFromPem(caCertificate)));
            }
            if (trustStore != null) {
                char[] password = Passwords.read(trustStorePasswordFile, PASSWORD_VARIABLE, "truststore " + trustStore);
                return ClientTls.verifying(SslContexts.trusting(KeyStores.loadPkcs12(trustStore, password)));
            }
            return ClientTls.verifying(SslContexts.trustingSystemDefaults());
        } catch (TlsSetupException e) {
            throw new UserError(ExitCodes.SETUP, e.getMessage(), e);
        }
    }
}
