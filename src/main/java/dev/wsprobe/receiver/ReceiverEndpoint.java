package dev.wsprobe.receiver;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The listener of the seed: accepts connections, reports their states and the size of each message it
 * receives. It never answers; what it saw is in the log and in {@link ServerEndpoints#RECEIVER}.
 */
@ServerEndpoint(value = "/receive", configurator = OriginCheck.class)
public class ReceiverEndpoint {
    private static final System.Logger LOG = System.getLogger(ReceiverEndpoint.class.getName());

    private final ServerConnection connection = new ServerConnection(ServerEndpoints.RECEIVER, LOG);

    @OnOpen
    public void onOpen(Session session) {
        connection.opened(session);
    }

    @OnMessage
    public void onText(String message) {
        // the size on the wire: UTF-8 bytes, not Java chars
        connection.received(false, message.getBytes(StandardCharsets.UTF_8).length);
    }

    @OnMessage
    public void onBinary(ByteBuffer message) {
        connection.received(true, message.remaining());
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
