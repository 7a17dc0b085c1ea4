package dev.wsprobe.sender;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/** The sender's side of one connection; hands every event to its {@link PeriodicSender}. */
@ClientEndpoint
public class SenderEndpoint {
    private final PeriodicSender sender;

    SenderEndpoint(PeriodicSender sender) {
        this.sender = sender;
    }

    @OnOpen
    public void onOpen(Session session) {
        sender.opened(session);
    }

    @OnMessage
    public void onText(String message) {
        sender.receivedText(message);
    }

    @OnMessage
    public void onBinary(ByteBuffer message) {
        sender.received(true, message.remaining());
    }

    @OnClose
    public void onClose(CloseReason reason) {
        sender.closed(reason);
    }

    @OnError
    public void onError(Throwable error) {
        sender.error(error);
    }
}
