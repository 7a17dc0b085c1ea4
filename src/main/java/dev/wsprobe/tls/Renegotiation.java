package dev.wsprobe.tls;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * What a TLS server of this JVM does when a TLS 1.2 client asks to renegotiate, and the switch that makes it
 * refuse. Client-initiated renegotiation (TLS 1.3 has none) costs a server a full handshake each time the client
 * asks, a denial-of-service lever. The JDK refuses it only when the system property {@value #SWITCH} is
 * {@code true} at the moment its server handshake class initialises, once per JVM (JDK 17:
 * {@code sun.security.ssl.ServerHandshakeContext} reads it into a static final; setting it later changes
 * nothing). {@link #refuseClientInitiated()} sets it to {@code true} (whatever it was) and initialises that JDK
 * class at once, so the value is fixed; it runs whenever a server context is built by {@link SslContexts} and when
 * the standalone server starts a TLS listener, before its first handshake. It is not done when a class merely
 * loads: the WAR's in-container sender uses {@link SslContexts} as a client, and a web application must not change
 * its application server's TLS behaviour. If some other code ran a TLS server handshake in the JVM earlier, the
 * JDK kept the value from then: {@link #of(SSLContext)} finds out, and the standalone server warns.
 */
public enum Renegotiation {
    REFUSED,
    ACCEPTED,
    /** Could not be tried (no TLS 1.2 handshake possible with the context, or the JDK behaved unexpectedly). */
    UNKNOWN;

    /** The JDK's switch for refusing client-initiated renegotiation. */
    public static final String SWITCH = "jdk.tls.rejectClientInitiatedRenegotiation";

    /** The JDK reads the switch once per JVM, so a definite answer holds for the JVM's life. */
    private static volatile Renegotiation known;

    /**
     * Makes this JVM's TLS servers refuse client-initiated renegotiation, if it is not too late (see the class
     * comment): for hosts that run TLS servers themselves, before their first handshake. Idempotent and cheap.
     */
    public static void refuseClientInitiated() {
        try {
            if (!"true".equals(System.getProperty(SWITCH))) {
                System.setProperty(SWITCH, "true");
            }
            // the JDK reads the property when this class initialises: make that happen now, while it is true
            Class.forName("sun.security.ssl.ServerHandshakeContext", true, null);
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            // another JDK, or not allowed: of(SSLContext) tells whether the switch is in force
        }
    }

    /**
     * Tries, in memory, what a server engine of {@code serverContext} does when a TLS 1.2 client renegotiates:
     * one full handshake between two engines, then the client starts another. Takes a few milliseconds once per
     * JVM (the answer cannot change within a JVM and is remembered).
     */
    public static Renegotiation of(SSLContext serverContext) {
        Renegotiation answer = known;
        if (answer != null) {
            return answer;
        }
        refuseClientInitiated(); // the trial is a server handshake: it would fix the switch as it is
        Renegotiation found = tryRenegotiation(serverContext);
        if (found != UNKNOWN) {
            known = found;
        }
        return found;
    }

    private static Renegotiation tryRenegotiation(SSLContext serverContext) {
        try {
            SSLEngine server = serverContext.createSSLEngine();
            server.setUseClientMode(false);
            server.setNeedClientAuth(false);
            server.setWantClientAuth(false);
            SSLEngine client = SslContexts.trustingAnything().createSSLEngine("localhost", 443);
            client.setUseClientMode(true);
            for (SSLEngine engine : new SSLEngine[] {server, client}) {
                engine.setEnabledProtocols(new String[] {"TLSv1.2"});
                engine.setEnabledCipherSuites(SslContexts.cipherSuites(serverContext));
            }
            client.beginHandshake();
            server.beginHandshake();
            InMemoryLink link = new InMemoryLink(client, server);
            if (!link.handshake()) {
                return UNKNOWN;
            }
            client.beginHandshake();
            try {
                return link.handshake() ? ACCEPTED : UNKNOWN;
            } catch (SSLException refused) {
                return REFUSED;
            }
        } catch (SSLException | RuntimeException e) {
            return UNKNOWN;
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
}
