package dev.wsprobe.standalone;

import dev.wsprobe.server.OriginCheck;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus' engine, with each handshake's Host header handed to {@link OriginCheck} while Tyrus processes it:
 * the standard origin hook sees only the Origin, and "the page's own origin" needs the Host as well. Tyrus
 * calls the hook on the thread that runs {@link #upgrade}, and answers a refusal with HTTP 403.
 */
public final class HandshakeHostEngine implements WebSocketEngine {
    private final WebSocketEngine tyrus;

    HandshakeHostEngine(WebSocketEngine tyrus) {
        this.tyrus = tyrus;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        try (OriginCheck.Handshake ignored = OriginCheck.handshake(request.getHeader(UpgradeRequest.HOST),
                request.getRequestURI().getPath())) {
            UpgradeInfo outcome = tyrus.upgrade(request, response);
            if (outcome.getStatus() == UpgradeStatus.HANDSHAKE_FAILED) {
                // Tyrus on Grizzly writes a refusal (403, 426...) with neither a length nor a close, so an HTTP
                // client such as curl waits for a body that never comes; an empty body says it is complete.
                response.getHeaders().put("Content-Length", List.of("0"));
            }
            return outcome;
        }
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
