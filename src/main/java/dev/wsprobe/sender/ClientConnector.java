package dev.wsprobe.sender;

import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.URI;

/**
 * Opens a client connection for an annotated endpoint instance. Each host supplies its own: the standalone
 * jar a Tyrus client with wsprobe's TLS settings, the WAR the application server's own WebSocketContainer.
 * Blocks until the connection is open or has failed.
 */
@FunctionalInterface
public interface ClientConnector {
    void connect(Object annotatedEndpoint, URI target) throws DeploymentException, IOException;
}
