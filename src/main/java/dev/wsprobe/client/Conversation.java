package dev.wsprobe.client;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The interactive client's side of one connection ({@code wsprobe connect}): sends what it is told, hands every
 * event to its {@link Listener}, and completes {@link #closed()} with the close as this side saw it.
 * Programmatic (not annotated) so it needs only the standard API and the host's client configuration.
 */
public final class Conversation extends Endpoint {
    /** What happens on the connection, in order. Called on the client's threads: implementations synchronize. */
    public interface Listener {
        void received(String text);

        void received(ByteBuffer binary);

        void pong(ByteBuffer payload);

        void closed(CloseReason reason, boolean byUs);

        void error(Throwable error);
    }

    /**
     * How the connection ended.
     *
     * @param code     the close code as this side saw it (1006 when no close frame came)
     * @param reason   the close reason
     * @param byUs     whether this side started the close
     * @param codeSent the code this side sent, 0 when it sent none
     */
    public record Ending(int code, String reason, boolean byUs, int codeSent) {
        /** Normal: 1000, the server's 1001 (going away), or exactly the code this side chose to close with. */
        public boolean normal() {
            return code == 1000 || code == 1001 || (byUs && code == codeSent);
        }
    }

    private final Listener listener;
    private final CompletableFuture<Ending> ending = new CompletableFuture<>();
    private final AtomicReference<Session> session = new AtomicReference<>();
    private final AtomicLong received = new AtomicLong();
    private volatile boolean closingByUs;
    private volatile int codeSent;

    public Conversation(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void onOpen(Session newSession, EndpointConfig config) {
        session.set(newSession);
        // never idle out, and -1 rather than 0: with 0 Tyrus still re-arms a do-nothing idle task on its
        // client's scheduler for every message, which once failed a send with RejectedExecutionException when
        // that scheduler was shutting down (TyrusClientNegotiationTest in CI); -1 skips it, as every other
        // wsprobe session does
        newSession.setMaxIdleTimeout(-1);
        newSession.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
            received.incrementAndGet();
            listener.received(text);
        });
        newSession.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) binary -> {
            received.incrementAndGet();
            listener.received(binary);
        });
        newSession.addMessageHandler(PongMessage.class,
                (MessageHandler.Whole<PongMessage>) pong -> listener.pong(pong.getApplicationData()));
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        listener.closed(reason, closingByUs);
        ending.complete(new Ending(reason.getCloseCode().getCode(), reason.getReasonPhrase(), closingByUs,
                codeSent));
    }

    @Override
    public void onError(Session failed, Throwable error) {
        listener.error(error);
    }

    /** Completes when the connection is closed, whoever closed it. */
    public CompletableFuture<Ending> closed() {
        return ending;
    }

    /** Messages received so far. */
    public long receivedCount() {
        return received.get();
    }

    public void sendText(String text) throws IOException {
        open().getBasicRemote().sendText(text);
    }

    public void sendBinary(byte[] bytes) throws IOException {
        open().getBasicRemote().sendBinary(ByteBuffer.wrap(bytes));
    }

    public void ping(String text) throws IOException {
        open().getBasicRemote().sendPing(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Closes with {@code code} and {@code reason} (at most 123 bytes); nothing when already closed. */
    public void close(int code, String reason) throws IOException {
        Session current = session.get();
        if (current == null || !current.isOpen()) {
            return;
        }
        closingByUs = true;
        codeSent = code;
        current.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    public boolean isOpen() {
        Session current = session.get();
        return current != null && current.isOpen() && !ending.isDone();
    }

    private Session open() throws IOException {
        Session current = session.get();
        if (current == null || !current.isOpen()) {
            throw new IOException("the connection is closed");
        }
        return current;
    }
}
