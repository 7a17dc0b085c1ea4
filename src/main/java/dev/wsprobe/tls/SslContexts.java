package dev.wsprobe.tls;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the {@link SSLContext}s wsprobe uses, and the TLS policy of every engine, server and client:
 * {@link #protocols()} and {@link #cipherSuites(SSLContext)}. We build contexts ourselves from {@link KeyStore}s
 * instead of letting Tyrus or Grizzly open files, because their configurators swallow errors (a wrong truststore
 * ends in a misleading PKIX failure much later).
 *
 * <p>Client-initiated renegotiation (TLS 1.2; TLS 1.3 has none) costs a server a full handshake each time the client
 * asks, a denial-of-service lever. The JDK refuses it only when the system property
 * {@value #REJECT_RENEGOTIATION_PROPERTY} is {@code true} at the moment its server handshake class initialises,
 * once per JVM (JDK 17: {@code sun.security.ssl.ServerHandshakeContext} reads it into a static final; setting it
 * later changes nothing). {@link #refuseClientInitiatedRenegotiation()} sets it to {@code true} (whatever it was)
 * and initialises that JDK class at once, so the value is fixed; it runs whenever a server context is built here
 * and when the standalone server starts a TLS listener, before its first handshake. It is not done when this class
 * merely loads: the WAR's in-container sender uses this class as a client, and a web application must not change
 * its application server's TLS behaviour. If some other code ran a TLS server handshake in the JVM earlier, the
 * JDK kept the value from then: {@link #clientRenegotiation(SSLContext)} finds out, and the standalone server warns.
 */
public final class SslContexts {
    /** Only these protocol versions are enabled on every engine, server and client. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** The JDK's switch for refusing client-initiated renegotiation; see {@link #refuseClientInitiatedRenegotiation()}. */
    public static final String REJECT_RENEGOTIATION_PROPERTY = "jdk.tls.rejectClientInitiatedRenegotiation";

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

    /** What a server does when a TLS 1.2 client asks to renegotiate. */
    public enum Renegotiation {
        REFUSED,
        ACCEPTED,
        /** Could not be tried (no TLS 1.2 handshake possible with the context, or the JDK behaved unexpectedly). */
        UNKNOWN
    }

    /** The JDK reads the switch once per JVM, so a definite answer holds for the JVM's life. */
    private static volatile Renegotiation knownRenegotiation;

    private SslContexts() {
    }

    /**
     * Makes this JVM's TLS servers refuse client-initiated renegotiation, if it is not too late (see the class
     * comment): for hosts that run TLS servers themselves, before their first handshake. Idempotent and cheap.
     */
    public static void refuseClientInitiatedRenegotiation() {
        try {
            if (!"true".equals(System.getProperty(REJECT_RENEGOTIATION_PROPERTY))) {
                System.setProperty(REJECT_RENEGOTIATION_PROPERTY, "true");
            }
            // the JDK reads the property when this class initialises: make that happen now, while it is true
            Class.forName("sun.security.ssl.ServerHandshakeContext", true, null);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            // another JDK, or not allowed: clientRenegotiation() tells whether the switch is in force
        }
    }

    /** A server context presenting the key and certificate chain held in {@code keyStore}. */
    public static SSLContext forServer(KeyStore keyStore, char[] keyPassword) throws TlsSetupException {
        refuseClientInitiatedRenegotiation();
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
        refuseClientInitiatedRenegotiation();
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
     * Tries, in memory, what a server engine of {@code serverContext} does when a TLS 1.2 client renegotiates:
     * one full handshake between two engines, then the client starts another. Takes a few milliseconds once per
     * JVM (the answer cannot change within a JVM and is remembered).
     */
    public static Renegotiation clientRenegotiation(SSLContext serverContext) {
        Renegotiation known = knownRenegotiation;
        if (known != null) {
            return known;
        }
        refuseClientInitiatedRenegotiation(); // the trial is a server handshake: it would fix the switch as it is
        Renegotiation found = tryRenegotiation(serverContext);
        if (found != Renegotiation.UNKNOWN) {
            knownRenegotiation = found;
        }
        return found;
    }

    private static Renegotiation tryRenegotiation(SSLContext serverContext) {
        try {
            SSLEngine server = serverContext.createSSLEngine();
            server.setUseClientMode(false);
            server.setNeedClientAuth(false);
            server.setWantClientAuth(false);
            SSLEngine client = trustingAnything().createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            for (SSLEngine engine : new SSLEngine[] {server, client}) {
                engine.setEnabledProtocols(new String[] {"TLSv1.2"});
                engine.setEnabledCipherSuites(cipherSuites(serverContext));
            }
            client.beginHandshake();
            server.beginHandshake();
            InMemoryLink link = new InMemoryLink(client, server);
            if (!link.handshake()) {
                return Renegotiation.UNKNOWN;
            }
            client.beginHandshake();
            try {
                return link.handshake() ? Renegotiation.ACCEPTED : Renegotiation.UNKNOWN;
            } catch (SSLException refused) {
                return Renegotiation.REFUSED;
            }
        } catch (SSLException | RuntimeException e) {
            return Renegotiation.UNKNOWN;
        }
    }

    /** Two engines wired back to back; {@link #handshake()} runs until both are done. */
    private static final class InMemoryLink {
        private final SSLEngine client;
        private final SSLEngine server;
        private final ByteBuffer toServer;
        private final ByteBuffer toClient;
        private final ByteBuffer clientApp;
        private final ByteBuffer serverApp;

        InMemoryLink(SSLEngine client, SSLEngine server) {
            this.client = client;
            this.server = server;
            int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
            int app = Math.max(client.getSession().getApplicationBufferSize(),
                    server.getSession().getApplicationBufferSize());
            toServer = ByteBuffer.allocate(packet * 4);
            toClient = ByteBuffer.allocate(packet * 4);
            clientApp = ByteBuffer.allocate(app * 2);
            serverApp = ByteBuffer.allocate(app * 2);
        }

        /** True when both engines finished handshaking; throws when one refuses. */
        boolean handshake() throws SSLException {
            ByteBuffer empty = ByteBuffer.allocate(0);
            for (int step = 0; step < 200; step++) {
                if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                    return true;
                }
                client.wrap(empty, toServer);
                runTasks(client);
                server.wrap(empty, toClient);
                runTasks(server);
                toServer.flip();
                server.unwrap(toServer, serverApp);
                toServer.compact();
                runTasks(server);
                toClient.flip();
                client.unwrap(toClient, clientApp);
                toClient.compact();
                runTasks(client);
            }
            return false;
        }

        private static boolean done(SSLEngine engine) {
            SSLEngineResult.HandshakeStatus status = engine.getHandshakeStatus();
            return status == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                    || status == SSLEngineResult.HandshakeStatus.FINISHED;
        }

        private static void runTasks(SSLEngine engine) {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
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
