package dev.wsprobe.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A third-party WebSocket server for wsprobe's clients to talk to: Jetty 12 (core, its own WebSocket API) on
 * loopback, ws and wss on ephemeral ports, with an echo at {@code /echo} that records what it received and
 * how each connection closed (and at {@code /first-subprotocol}, accepting the client's first subprotocol).
 * Tests close a connection from the server's side through {@link #opened}.
 */
public final class JettyEchoServer implements RunningServer, AutoCloseable {
    private static final long LARGE = 1024 * 1024;

    /** One message as the Jetty server received it. */
    public record Received(boolean binary, int sizeBytes, String text) {
    }

    /** A close as the Jetty server saw it. */
    public record Closed(int code, String reason) {
    }

    /** The server side of each connection, as it opens. */
    public final BlockingQueue<Session> opened = new LinkedBlockingQueue<>();
    public final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    public final BlockingQueue<Closed> closes = new LinkedBlockingQueue<>();
    /** The subprotocols each upgrade to {@code /first-subprotocol} offered, in the client's order. */
    public final BlockingQueue<List<String>> offeredSubprotocols = new LinkedBlockingQueue<>();
    private final Server server = new Server();
    private final ServerConnector plain;
    private final ServerConnector secure;

    /** @param tlsIdentity the server side of TLS for the wss connector */
    public JettyEchoServer(SSLContext tlsIdentity) throws Exception {
        this(tlsIdentity, new String[0]);
    }

    /**
     * @param tlsIdentity the server side of TLS for the wss connector
     * @param tlsProtocols the only TLS versions the wss connector accepts (none given: the context's own)
     */
    public JettyEchoServer(SSLContext tlsIdentity, String... tlsProtocols) throws Exception {
        plain = new ServerConnector(server);
        plain.setHost("127.0.0.1");
        plain.setPort(0);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(tlsIdentity);
        if (tlsProtocols.length > 0) {
            tls.setIncludeProtocols(tlsProtocols);
        }
        secure = new ServerConnector(server, tls);
        secure.setHost("127.0.0.1");
        secure.setPort(0);
        server.addConnector(plain);
        server.addConnector(secure);
        ContextHandler root = new ContextHandler("/");
        root.setHandler(WebSocketUpgradeHandler.from(server, root, container -> {
            container.setMaxTextMessageSize(LARGE);
            container.setMaxBinaryMessageSize(LARGE);
            container.addMapping("/echo", (request, response, callback) -> new Echo(true));
            // receives without answering: no write of Jetty's can race a client's close
            container.addMapping("/receive", (request, response, callback) -> new Echo(false));
            // an echo that accepts the first subprotocol the client offers (if any), as lenient servers do
            container.addMapping("/first-subprotocol", (request, response, callback) -> {
                List<String> offered = request.getSubProtocols();
                offeredSubprotocols.add(List.copyOf(offered));
                if (!offered.isEmpty()) {
                    response.setAcceptedSubProtocol(offered.get(0));
                }
                return new Echo(true);
            });
        }));
        server.setHandler(root);
        server.start();
    }

    @Override
    public URI ws(String path) {
        return URI.create("ws://localhost:" + plain.getLocalPort() + path);
    }

    @Override
    public URI wss(String path) {
        return URI.create("wss://localhost:" + secure.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /**
     * Echoes text as text and binary as binary; pings are answered by Jetty itself. Public because Jetty binds
     * the listener methods through method handles, which need an accessible class.
     */
    public final class Echo implements Session.Listener.AutoDemanding {
        private final boolean echoes;
        private Session session;

        Echo(boolean echoes) {
            this.echoes = echoes;
        }

        @Override
        public void onWebSocketOpen(Session newSession) {
            session = newSession;
            opened.add(newSession);
        }

        @Override
        public void onWebSocketText(String message) {
            received.add(new Received(false, message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
                    message));
            if (echoes) {
                session.sendText(message, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            received.add(new Received(true, payload.remaining(), null));
            ByteBuffer copy = ByteBuffer.allocate(payload.remaining()).put(payload).flip();
            callback.succeed();
            if (echoes) {
                session.sendBinary(copy, Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closes.add(new Closed(statusCode, reason));
        }
    }
}
