package dev.wsprobe.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext}s wsprobe uses, and the TLS policy of every engine, server and client:
 * {@link #protocols()} and {@link #cipherSuites(SSLContext)}. We build contexts ourselves from {@link KeyStore}s
 * instead of letting Tyrus or Grizzly open files, because their configurators swallow errors (a wrong truststore
 * ends in a misleading PKIX failure much later).
 * Client-initiated renegotiation is refused: see {@link Renegotiation}.
 */
public final class SslContexts {
    /** Only these protocol versions are enabled on every engine, server and client. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");


    /**
     * The suites wsprobe enables, in order of preference, where the JDK has them: Mozilla's "intermediate"
     * profile for TLS 1.2 without its finite-field DHE suites (so only ECDHE key exchange, for forward secrecy,
     * and only AEAD ciphers, AES-GCM and ChaCha20-Poly1305: no CBC, so nothing of the Lucky13 family), and the
     * TLS 1.3 suites. The renegotiation signalling value is kept (it is not a cipher).
     */
    public static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");

    private SslContexts() {
    }

    /** A server context presenting the key and certificate chain held in {@code keyStore}. */
    public static SSLContext forServer(KeyStore keyStore, char[] keyPassword) throws TlsSetupException {
        Renegotiation.refuseClientInitiated();
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
        Renegotiation.refuseClientInitiated();
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

    /**
     * The suites of {@link #CIPHER_SUITES} that {@code context} has enabled by default (the JDK's own disabled
     * algorithms stay disabled), in wsprobe's order: what every wsprobe server and client enables.
     */
    public static String[] cipherSuites(SSLContext context) {
        Set<String> available = Set.of(context.getDefaultSSLParameters().getCipherSuites());
        return CIPHER_SUITES.stream().filter(available::contains).toArray(String[]::new);
    }

    /** The same for the JDK's default context (a client that trusts the JDK's certificate authorities). */
    public static String[] cipherSuites() {
        try {
            return cipherSuites(SSLContext.getDefault());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides a TLS context", e);
        }
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
