package dev.wsprobe.tyrus;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.sender.ClientConnector;
import dev.wsprobe.sender.WebSocketUrl;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.core.AnnotatedEndpoint;
import org.glassfish.tyrus.core.ComponentProviderService;
import org.glassfish.tyrus.core.ErrorCollector;

/**
 * The standalone client: a Tyrus client on Grizzly, with wsprobe's TLS settings for wss:// URLs and the shared
 * client options (headers, Origin, subprotocols, proxy, compression: {@link TyrusClientConfig}). The only place
 * the sender's and {@code connect}'s hosting touch Tyrus-specific client properties.
 */
public final class TyrusClientConnector implements ClientConnector, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TyrusClientConnector.class.getName());
    /** Tyrus' own default for the largest message a client takes (TyrusClientEngine.DEFAULT_INCOMING_BUFFER_SIZE). */
    private static final int INCOMING_BUFFER_SIZE = 4_194_315;

    private final ClientManager client = ClientManager.createClient();
    private final boolean insecure;
    private final Duration handshakeTimeout;
    private final ClientEndpointConfig config;
    private final ClientOptions options;

    /** Without the shared client options (as before they existed). */
    public TyrusClientConnector(ClientTls tls, URI target, Duration handshakeTimeout) {
        this(tls, target, handshakeTimeout, ClientOptions.NONE);
    }

    /**
     * @param tls              for wss:// targets; null and unused for ws:// (Tyrus would force TLS on a ws:// URL)
     * @param handshakeTimeout a connection not open by then fails; Tyrus alone would wait 30 s for some
     */
    public TyrusClientConnector(ClientTls tls, URI target, Duration handshakeTimeout, ClientOptions options) {
        this.handshakeTimeout = handshakeTimeout;
        this.config = TyrusClientConfig.endpointConfig(options);
        this.options = options;
        TyrusClientConfig.applyProxy(client.getProperties(), options);
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, (int) handshakeTimeout.toMillis());
        insecure = WebSocketUrl.isSecure(target) && !tls.verifyHostName();
        if (WebSocketUrl.isSecure(target)) {
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, TyrusClientConfig.engines(tls, target));
        }
    }

    /**
     * An annotated endpoint instance is wrapped as Tyrus itself would wrap it, so that it connects with this
     * connector's configuration (headers, subprotocols, extensions) instead of only its annotation's.
     */
    @Override
    public void connect(Object annotatedEndpoint, URI target) throws DeploymentException, IOException {
        if (annotatedEndpoint instanceof Endpoint programmatic) {
            open(programmatic, target);
        } else {
            ErrorCollector errors = new ErrorCollector();
            AnnotatedEndpoint endpoint = AnnotatedEndpoint.fromInstance(annotatedEndpoint,
                    ComponentProviderService.createClient(), false, INCOMING_BUFFER_SIZE, errors);
            if (!errors.isEmpty()) {
                throw errors.composeComprehensiveException();
            }
            Session session = open(endpoint, TyrusClientConfig.endpointConfig(options,
                    (ClientEndpointConfig) endpoint.getEndpointConfig()), target);
            if (!options.subprotocols().isEmpty() || options.compress()) {
                logNegotiated(session);
            }
        }
    }

    private static void logNegotiated(Session session) {
        String protocol = session.getNegotiatedSubprotocol();
        LOG.log(System.Logger.Level.INFO, "negotiated subprotocol: "
                + (protocol == null || protocol.isEmpty() ? "none" : protocol) + ", extensions: "
                + (session.getNegotiatedExtensions().isEmpty() ? "none" : session.getNegotiatedExtensions().stream()
                .map(jakarta.websocket.Extension::getName).collect(java.util.stream.Collectors.joining(", "))));
    }

    /** Opens a programmatic endpoint's connection; blocks until it is open (or failed, or timed out). */
    public Session open(Endpoint endpoint, URI target) throws DeploymentException, IOException {
        return open(endpoint, config, target);
    }

    private Session open(Endpoint endpoint, ClientEndpointConfig endpointConfig, URI target)
            throws DeploymentException, IOException {
        if (insecure) {
            LOG.log(System.Logger.Level.WARNING, "--insecure: the server's certificate and host name are NOT "
                    + "checked; anyone on the path can read and change this connection. For testing only.");
        }
        Future<Session> connecting = client.asyncConnectToServer(endpoint, endpointConfig, target);
        try {
            Session session = connecting.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return session;
        } catch (TimeoutException e) {
            connecting.cancel(true);
            throw new IOException("not connected within " + handshakeTimeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeploymentException deployment) {
                throw deployment;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            connecting.cancel(true);
            throw new IOException("interrupted while connecting", e);
        }
    }

    @Override
    public void close() {
        client.shutdown();
    }
}
