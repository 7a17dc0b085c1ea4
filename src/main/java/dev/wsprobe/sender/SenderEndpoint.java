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

/**
 * The sender's side of one connection: opening and closing go to its {@link PeriodicSender} (they change its
 * state), what the server sends goes to its {@link Incoming}.
 */
@ClientEndpoint
public class SenderEndpoint {
    private final PeriodicSender sender;
    private final Incoming incoming;
    /** Which of the sender's connection attempts made this endpoint. */
    private final long attempt;
    private Session session;

    SenderEndpoint(PeriodicSender sender, Incoming incoming, long attempt) {
        this.sender = sender;
        this.incoming = incoming;
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
        incoming.text(message);
    }

    @OnMessage
    public void onBinary(ByteBuffer message) {
        incoming.binary(message.remaining());
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        incoming.pong(pong.getApplicationData());
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
