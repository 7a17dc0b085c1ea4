package dev.wsprobe.echo;

import dev.wsprobe.server.ServerConnection;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.ServerContexts;
import dev.wsprobe.server.Utf8;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * Sends every message back as it came: text as text, binary as binary. Replaces the public echo test sites.
 * Echoes go out asynchronously through a bounded queue, so a client that sends without reading cannot hold a
 * server thread or grow its memory: it is closed with 1008 instead.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {
    private static final System.Logger LOG = System.getLogger(EchoEndpoint.class.getName());

    private ServerConnection connection;

    @OnOpen
    public void onOpen(Session session) {
        // its server is the one whose container accepted the connection
        ServerContext server = ServerContexts.of(session);
        connection = new ServerConnection(server.echo(), server.config(), LOG);
        connection.opened(session);
    }

    @OnMessage
    public void onText(String message) {
        if (connection.received(message)) {
            connection.sendBack(message, Utf8.length(message));
        }
    }

    @OnMessage
    public void onBinary(ByteBuffer message) {
        int size = message.remaining();
        if (connection.received(message)) {
            connection.sendBack(message, size);
        }
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        connection.ponged();
    }

    @OnClose
    public void onClose(CloseReason reason) {
        connection.closed(reason);
    }

    @OnError
    public void onError(Throwable error) {
        connection.failed(error);
    }
}
