package dev.wsprobe.standalone;

import dev.wsprobe.tls.DataBeforeCloseNotifyEngine;
import dev.wsprobe.tls.SslContexts;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;

/**
 * The TLS listener's engines: wsprobe's protocols and cipher suites, the client-certificate mode asked for, and
 * each engine a {@link DataBeforeCloseNotifyEngine}, so that a client that sends its close frame and at once its
 * {@code close_notify} (closing its socket without waiting for the server's answer) is still reported with its
 * own close code: Grizzly dropped the frame when both records arrived in one read, and the endpoint reported
 * 1006 instead (29 of 30 such closes over TLS 1.3, 30 of 30 over TLS 1.2). Grizzly's HTTP server keeps the
 * configurator it is given and asks it for each connection's engine.
 */
final class ServerTlsEngines extends SSLEngineConfigurator {
    ServerTlsEngines(SSLContext context, ClientAuth clientAuth) {
        super(context, false, clientAuth == ClientAuth.NEED, clientAuth == ClientAuth.WANT);
        setEnabledProtocols(SslContexts.protocols());
        setEnabledCipherSuites(SslContexts.cipherSuites(context));
    }

    /** {@link #createSSLEngine()} comes here too. */
    @Override
    public SSLEngine createSSLEngine(String peerHost, int peerPort) {
        return new DataBeforeCloseNotifyEngine(super.createSSLEngine(peerHost, peerPort));
    }
}
