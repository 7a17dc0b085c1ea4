package dev.wsprobe.echo;

import dev.wsprobe.server.OriginCheck;
import dev.wsprobe.server.ServerConnection;
import dev.wsprobe.server.ServerEndpoints;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Sends every message back as it came: text as text, binary as binary. Replaces the public echo test sites. */
@ServerEndpoint(value = "/echo", configurator = OriginCheck.class)
public class EchoEndpoint {
    private static final System.Logger LOG = System.getLogger(EchoEndpoint.class.getName());

    private final ServerConnection connection = new ServerConnection(ServerEndpoints.ECHO, LOG);

    @OnOpen
    public void onOpen(Session session) {
        connection.opened(session);
    }

    @OnMessage
    public void onText(String message, Session session) throws IOException {
        if (connection.received(false, message.getBytes(StandardCharsets.UTF_8).length)) {
            session.getBasicRemote().sendText(message);
        }
    }

    @OnMessage
    public void onBinary(ByteBuffer message, Session session) throws IOException {
        if (connection.received(true, message.remaining())) {
            session.getBasicRemote().sendBinary(message);
        }
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
