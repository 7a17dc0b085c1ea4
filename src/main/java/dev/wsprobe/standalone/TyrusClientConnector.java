package dev.wsprobe.standalone;

import dev.wsprobe.sender.ClientConnector;
import dev.wsprobe.sender.WebSocketUrl;
import dev.wsprobe.tls.SslContexts;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.URI;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;

/**
 * The standalone client: a Tyrus client on Grizzly, with wsprobe's TLS settings for wss:// URLs. The only
 * place the sender's hosting touches Tyrus-specific client properties.
 */
final class TyrusClientConnector implements ClientConnector, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TyrusClientConnector.class.getName());

    private final ClientManager client = ClientManager.createClient();
    private final boolean insecure;

    /** @param tls for wss:// targets; null and unused for ws:// (Tyrus would force TLS on a ws:// URL if set) */
    TyrusClientConnector(ClientTls tls, URI target) {
        insecure = WebSocketUrl.isSecure(target) && !tls.verifyHostName();
        if (WebSocketUrl.isSecure(target)) {
            SslEngineConfigurator engines = new SslEngineConfigurator(tls.context());
            engines.setEnabledProtocols(SslContexts.PROTOCOLS.toArray(new String[0]));
            engines.setHostVerificationEnabled(tls.verifyHostName());
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, engines);
        }
    }

    @Override
    public void connect(Object annotatedEndpoint, URI target) throws DeploymentException, IOException {
        if (insecure) {
            LOG.log(System.Logger.Level.WARNING, "--insecure: the server's certificate and host name are NOT "
                    + "checked; anyone on the path can read and change this connection. For testing only.");
        }
        client.connectToServer(annotatedEndpoint, target);
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
