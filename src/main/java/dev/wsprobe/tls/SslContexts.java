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

    /** Suites never enabled, whatever the JDK allows: no authentication, no encryption, or broken ciphers. */
    private static final List<String> UNSAFE_SUITE_PARTS = List.of("_anon_", "_NULL_", "_EXPORT_", "_RC4_",
            "_DES_", "_3DES_", "_DES40_", "_MD5");

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

    /**
     * A server context for mutual TLS: presents its own key, and accepts client certificates issued by the
     * certificates in {@code clientAuthorities}.
     */
    public static SSLContext forServer(KeyStore keyStore, char[] keyPassword, KeyStore clientAuthorities)
            throws TlsSetupException {
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, keyPassword);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers(clientAuthorities), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build a TLS server context: " + e.getMessage(), e);
        }
    }

    /** A client context trusting exactly the certificates in {@code trustStore}. */
    public static SSLContext trusting(KeyStore trustStore) throws TlsSetupException {
        try {
            return clientContext(trustManagers(trustStore));
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /**
     * A client context that also presents a client certificate (mutual TLS).
     *
     * @param trustStore null for the JDK's default certificate authorities
     */
    public static SSLContext withClientCertificate(KeyStore trustStore, TlsIdentity clientIdentity)
            throws TlsSetupException {
        try {
            char[] inMemory = "client".toCharArray();
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(clientIdentity.toKeyStore(inMemory), inMemory);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers(trustStore), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new TlsSetupException("cannot build a TLS client context: " + e.getMessage(), e);
        }
    }

    /** @param trustStore null for the JDK's default certificate authorities */
    private static TrustManager[] trustManagers(KeyStore trustStore) throws GeneralSecurityException {
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trustStore);
        return trustManagers.getTrustManagers();
    }

    /** A client context trusting the JDK's default certificate authorities (its cacerts). */
    public static SSLContext trustingSystemDefaults() throws TlsSetupException {
        try {
            return clientContext(trustManagers(null));
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
            return clientContext(new TrustManager[] {acceptingAnyCertificate()});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides a TLS context", e);
        }
    }

    public static String[] protocols() {
        return PROTOCOLS.toArray(new String[0]);
    }

    /** The context's default suites for TLS 1.2 and 1.3, minus anonymous, NULL, export, RC4, DES and MD5 ones. */
    public static String[] cipherSuites(SSLContext context) {
        return java.util.Arrays.stream(context.getDefaultSSLParameters().getCipherSuites())
                .filter(suite -> UNSAFE_SUITE_PARTS.stream().noneMatch(suite::contains))
                .filter(suite -> !suite.startsWith("SSL_"))
                .toArray(String[]::new);
    }

    /**
     * A trust manager that accepts every chain: for {@code --insecure}, and for probes that must see a
     * certificate in order to explain why it is not trusted.
     */
    public static X509TrustManager acceptingAnyCertificate() {
        return new AcceptAnyCertificate();
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
