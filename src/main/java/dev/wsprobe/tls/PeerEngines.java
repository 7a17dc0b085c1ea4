package dev.wsprobe.tls;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A client {@link SSLContext} whose engines know the peer's port and follow wsprobe's TLS policy, for clients
 * that create engines through a library that passes neither on.
 * <p>
 * The JDK resumes a TLS session only for an engine created with the peer's host <em>and</em> port: its client
 * session cache is keyed by both, and a session of an engine made without a port is never cached. Grizzly's
 * client (under Tyrus) creates every engine with the port -1, so without this each wss connection of a load run
 * made a full handshake: ECDSA verification of the certificate and of the server's signature, in the JDK's pure
 * Java arithmetic, several milliseconds of CPU each. With the port, the second connection to a server resumes
 * the first's session (TLS 1.3 session ticket, or a TLS 1.2 session), which skips both verifications.
 * <p>
 * Tyrus' Grizzly client also keeps only the context of the {@code SslEngineConfigurator} it is given, not the
 * protocols and cipher suites set on it, and Grizzly (4.0.2) sets the context's default parameters on each engine
 * it makes: so the defaults here are wsprobe's policy, {@link SslContexts#protocols()} and
 * {@link SslContexts#cipherSuites(SSLContext)}, and engines made directly get them too.
 * <p>
 * Its engines also let a close frame that arrives together with the server's {@code close_notify} through
 * Grizzly ({@link DataBeforeCloseNotifyEngine}).
 */
public final class PeerEngines extends SSLContext {
    /**
     * @param context a client context, initialised
     * @param peerPort the port engines are made for when their creator gives none; -1 for none (no resumption)
     */
    public PeerEngines(SSLContext context, int peerPort) {
        super(new Spi(context, peerPort), context.getProvider(), context.getProtocol());
    }

    private static final class Spi extends ForwardingSslContextSpi {
        private final int peerPort;
        private final String[] protocols = SslContexts.protocols();
        private final String[] suites;

        Spi(SSLContext context, int peerPort) {
            super(context);
            this.peerPort = peerPort;
            this.suites = SslContexts.cipherSuites(context);
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return policy(context.createSSLEngine(host, port > 0 && peerPort > 0 ? port : peerPort));
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return policy(context.createSSLEngine());
        }

        private SSLEngine policy(SSLEngine engine) {
            engine.setEnabledProtocols(protocols);
            engine.setEnabledCipherSuites(suites);
            return new DataBeforeCloseNotifyEngine(engine);
        }

        /** Grizzly sets these on each engine it makes, over what the engine was made with. */
        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(protocols);
            parameters.setCipherSuites(suites);
            return parameters;
        }
    }
}
