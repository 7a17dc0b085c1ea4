package dev.wsprobe.load;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;

/**
 * Opens the load's connections. The host supplies it: the standalone jar a Tyrus client whose connections
 * share one client runtime (a few threads for thousands of connections) and can bind a source address.
 */
public interface LoadConnector extends AutoCloseable {
    /**
     * Opens a connection for {@code endpoint}; blocks until it is open or has failed.
     *
     * @param source local address to connect from, or null for the system's choice
     */
    void connect(Endpoint endpoint, URI target, InetAddress source) throws DeploymentException, IOException;

    @Override
    void close();
}
