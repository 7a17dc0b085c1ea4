package dev.wsprobe.web;

import dev.wsprobe.sender.ClientConnector;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.WebSocketContainer;
import java.io.IOException;
import java.net.URI;

/**
 * Connects with the application server's own WebSocket client (Tyrus in Payara, Undertow in WildFly), so the
 * in-container sender exercises it. wss:// uses that client's default TLS settings (usually the JVM's trusted
 * certificate authorities).
 */
final class ContainerClientConnector implements ClientConnector {
    private WebSocketContainer container;

    @Override
    public void connect(Object annotatedEndpoint, URI target) throws DeploymentException, IOException {
        container().connectToServer(annotatedEndpoint, target);
    }

    /**
     * Asked for once, on first use: on a container-managed thread, whose context is the application's, and
     * only once because some providers make a new client runtime on every call.
     */
    private synchronized WebSocketContainer container() {
        if (container == null) {
            container = ContainerProvider.getWebSocketContainer();
        }
        return container;
    }
}
