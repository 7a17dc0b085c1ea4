package dev.wsprobe.standalone;

import dev.wsprobe.server.GroupedCounts;
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
    private static final System.Logger LOG = System.getLogger(CompleteRefusalEngine.class.getName());
    private final WebSocketEngine tyrus;
    /** One line at most every 10 s for the refusals Tyrus decides (mostly a wrong path). */
    private final dev.wsprobe.server.RateLimitedLog refusals = new dev.wsprobe.server.RateLimitedLog(LOG,
            System.Logger.Level.WARNING, java.time.Duration.ofSeconds(10));

    /** The server's refusals by status, where these are counted with the handshake policy's. */
    private final GroupedCounts counted;

    CompleteRefusalEngine(WebSocketEngine tyrus, GroupedCounts counted) {
        this.tyrus = tyrus;
        this.counted = counted;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        UpgradeInfo outcome = tyrus.upgrade(request, response);
        if (outcome.getStatus() == UpgradeStatus.HANDSHAKE_FAILED) {
            response.getHeaders().put("Content-Length", List.of("0")); // an empty body says it is complete
            counted.record(response.getStatus());
            refusals.log(() -> "refused an upgrade to " + request.getRequestURI().getPath() + ": HTTP "
                    + response.getStatus() + (response.getStatus() == 404
                            ? " (no WebSocket endpoint there: /receive and /echo are)" : ""));
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
