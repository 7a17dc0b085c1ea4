package dev.wsprobe.sender;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;

/** The sender's side of one connection; hands every event to its {@link PeriodicSender}. */
@ClientEndpoint
public class SenderEndpoint {
    private final PeriodicSender sender;
    /** Which of the sender's connection attempts made this endpoint. */
    private final long attempt;
    private Session session;

    SenderEndpoint(PeriodicSender sender, long attempt) {
        this.sender = sender;
        this.attempt = attempt;
    }

    @OnOpen
    public void onOpen(Session newSession) {
        session = newSession;
        // the heartbeat finds a dead server; off, Tyrus no longer re-arms an idle timer at every message
        // (see ServerConnection.opened)
        newSession.setMaxIdleTimeout(-1);
        sender.opened(newSession, attempt);
    }

    @OnMessage
    public void onText(String message) {
        sender.receivedText(message);
    }

    @OnMessage
    public void onBinary(ByteBuffer message) {
        sender.received(true, message.remaining());
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        sender.pong(pong.getApplicationData());
    }

    @OnClose
    public void onClose(CloseReason reason) {
        sender.closed(session, reason);
    }

    @OnError
    public void onError(Throwable error) {
        // the close that follows decides the state: a failure of an open session always brings one
    }
}
