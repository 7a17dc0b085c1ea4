package dev.wsprobe.web;

import dev.wsprobe.sender.ClientConnector;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;

/**
 * Connects with the application server's own WebSocket client (Tyrus in Payara, Undertow in WildFly, Tomcat's
 * and Jetty's own), so the in-container sender exercises it. wss:// uses that client's default TLS settings
 * (usually the JVM's trusted certificate authorities).
 */
final class ContainerClientConnector implements ClientConnector {
    private static final System.Logger LOG = System.getLogger(ContainerClientConnector.class.getName());

    private WebSocketContainer container;

    @Override
    public void connect(Object annotatedEndpoint, URI target) throws DeploymentException, IOException {
        container().connectToServer(annotatedEndpoint, target);
    }

    /**
     * Asked for once, on first use: on the WAR's scheduler thread, whose context (class loader, naming) is the
     * application's, and only once because some providers make a new client runtime on every call.
     */
    private synchronized WebSocketContainer container() {
        if (container == null) {
            container = ContainerProvider.getWebSocketContainer();
        }
        return container;
    }

    /**
     * Lets go of the client runtime. The Jakarta WebSocket API has no way to close a client container, and
     * two servlet containers keep threads for theirs until told so: Tomcat's {@code WsWebSocketContainer}
     * holds the shared client I/O threads ({@code WebSocketClient-AsyncIO-*}) until its {@code destroy()}, and
     * Jetty's client container is a life cycle whose {@code stop()} ends its HTTP client's threads. Both are
     * called by name, so the WAR still needs nothing but the Jakarta APIs; other servers' clients (Payara's
     * Tyrus, Undertow, whose client is the application's server container itself) are left to the server.
     */
    synchronized void close() {
        WebSocketContainer used = container;
        container = null;
        if (used == null) {
            return;
        }
        String type = used.getClass().getName();
        String release = type.startsWith("org.apache.tomcat.websocket.") ? "destroy"
                : type.startsWith("org.eclipse.jetty.") ? "stop" : null;
        if (release == null) {
            return;
        }
        try {
            used.getClass().getMethod(release).invoke(used);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not release the WebSocket client " + type + " (" + release
                    + "): " + e);
        }
    }
}
