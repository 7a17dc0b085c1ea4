package dev.wsprobe.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext}s wsprobe uses. We build them ourselves from {@link KeyStore}s instead of
 * letting Tyrus or Grizzly open files, because their configurators swallow errors (a wrong truststore ends
 * in a misleading PKIX failure much later).
 */
public final class SslContexts {
    /** Only these protocol versions are enabled on every engine, server and client. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private SslContexts() {
    }

    /** A server context presenting the key and certificate chain held in {@code keyStore}. */
    public static SSLContext forServer(KeyStore keyStore, char[] keyPassword) throws TlsSetupException {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (UnrecoverableKeyException e) {
            throw new TlsSetupException("cannot use the private key in the keystore: its password differs from "
                    + "the keystore's (wsprobe expects one password for both, as PKCS12 files made by keytool have)", e);
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build a TLS server context: " + e.getMessage(), e);
        }
    }

    /** A client context trusting exactly the certificates in {@code trustStore}. */
    public static SSLContext trusting(KeyStore trustStore) throws TlsSetupException {
        try {
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trustStore);
            return clientContext(trustManagers.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** A client context trusting the JDK's default certificate authorities (its cacerts). */
    public static SSLContext trustingSystemDefaults() throws TlsSetupException {
        try {
            TrustManagerFactory trustManagers =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init((KeyStore) null);
            return clientContext(trustManagers.getTrustManagers());
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /**
     * A client context that accepts any certificate. Only for {@code --insecure}: the caller must also turn
     * host-name verification off and warn the user every time it is used.
     */
    public static SSLContext trustingAnything() {
        try {
            return clientContext(new TrustManager[] {new AcceptAnyCertificate()});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides a TLS context", e);
        }
    }

    private static SSLContext clientContext(TrustManager[] trustManagers) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers, null);
        return context;
    }

    /** Accepts every chain; see {@link #trustingAnything()}. */
    private static final class AcceptAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // deliberately empty: --insecure
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately empty: --insecure
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
