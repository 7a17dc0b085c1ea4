package dev.wsprobe.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A service as people really run them, from a stack nobody here wrote: Jetty 12 on loopback, an echo at
 * {@code /} that requires {@code Authorization: Bearer <token>} (401 with {@code WWW-Authenticate: Bearer}
 * otherwise) and the subprotocol {@code chat} (400 otherwise). Records the upgrade requests it saw.
 */
public final class JettyAuthServer implements AutoCloseable {
    public static final String SUBPROTOCOL = "chat";

    /** One upgrade request as the server saw it. */
    public record Upgrade(String authorization, List<String> subprotocols, String origin) {
    }

    public final BlockingQueue<Upgrade> upgrades = new LinkedBlockingQueue<>();
    private final Server server = new Server();
    private final ServerConnector connector;
    private final String token;

    public JettyAuthServer(String token) throws Exception {
        this.token = token;
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler root = new ContextHandler("/");
        root.setHandler(WebSocketUpgradeHandler.from(server, root, container ->
                container.addMapping("/", (request, response, callback) -> {
                    String authorization = request.getHeaders().get(HttpHeader.AUTHORIZATION);
                    upgrades.add(new Upgrade(authorization, request.getSubProtocols(),
                            request.getHeaders().get(HttpHeader.ORIGIN)));
                    if (!("Bearer " + this.token).equals(authorization)) {
                        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"test\"");
                        Response.writeError(request, response, callback, 401, "a bearer token is required");
                        return null;
                    }
                    if (!request.getSubProtocols().contains(SUBPROTOCOL)) {
                        Response.writeError(request, response, callback, 400, "subprotocol chat is required");
                        return null;
                    }
                    response.setAcceptedSubProtocol(SUBPROTOCOL);
                    return new Echo();
                })));
        server.setHandler(root);
        server.start();
    }

    public URI ws() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** Echoes text as text and binary as binary. Public: Jetty binds listener methods through method handles. */
    public static final class Echo implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session newSession) {
            session = newSession;
        }

        @Override
        public void onWebSocketText(String message) {
            session.sendText(message, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            session.sendBinary(copy, Callback.NOOP);
        }
    }
}
