package dev.wsprobe.standalone;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus' engine, with its refusals made complete HTTP responses: Tyrus on Grizzly writes a refusal it decides
 * itself (a handshake the policy let through but Tyrus cannot serve, e.g. an unknown path) with neither a
 * length nor a close, so an HTTP client such as curl would wait for a body that never comes.
 */
final class CompleteRefusalEngine implements WebSocketEngine {
    private final WebSocketEngine tyrus;

    CompleteRefusalEngine(WebSocketEngine tyrus) {
        this.tyrus = tyrus;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        UpgradeInfo outcome = tyrus.upgrade(request, response);
        if (outcome.getStatus() == UpgradeStatus.HANDSHAKE_FAILED) {
            response.getHeaders().put("Content-Length", List.of("0")); // an empty body says it is complete
        }
        return outcome;
    }

    @Override
    public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
        tyrus.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
        tyrus.register(serverConfig, contextPath);
    }
}
