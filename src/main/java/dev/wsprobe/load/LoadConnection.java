package dev.wsprobe.load;

import dev.wsprobe.diagnosis.CloseDescriptions;
import dev.wsprobe.diagnosis.Failures;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * One load connection's client endpoint (programmatic, so no reflection per message). Sends timestamped
 * messages when told to ({@link #send()}, by the pacer) or, pipelined, keeps a window of them outstanding by
 * itself; counts what comes back into the shared {@link LoadStats}.
 */
final class LoadConnection extends Endpoint implements MessageHandler.Whole<String> {
    private final LoadStats stats;
    private final int sizeBytes;
    /** Whether new messages may go out: false once the measured time is over. */
    private final BooleanSupplier sending;
    /** Pipelined only: true when an answered message is replaced by a new one. */
    private final boolean pipelined;
    private final boolean echo;
    private volatile Session session;
    private volatile boolean closingByUs;
    /** Pipelined against a receiver: the next message goes out when the previous send completed. */
    private final SendHandler sendNextWhenDone = this::sentThenNext;
    private final SendHandler countFailures = this::sent;

    LoadConnection(LoadStats stats, LoadOptions options, BooleanSupplier sending) {
        this.stats = stats;
        this.sizeBytes = options.sizeBytes();
        this.sending = sending;
        this.pipelined = options.pipelined();
        this.echo = options.echo();
    }

    @Override
    public void onOpen(Session newSession, EndpointConfig config) {
        session = newSession;
        // off, Tyrus no longer re-arms an idle timer at every message (see ServerConnection.opened)
        newSession.setMaxIdleTimeout(-1);
        newSession.addMessageHandler(String.class, this);
        stats.connected.increment();
    }

    /** Starts a pipelined connection's window: {@code inFlight} messages, each replaced when answered. */
    void startWindow(int inFlight) {
        for (int i = 0; i < inFlight; i++) {
            send();
        }
    }

    /** Sends one timestamped message without waiting for it to go out. */
    void send() {
        stats.sendsUnderway.incrementAndGet();
        try {
            Session current = session;
            if (current == null || closingByUs || !sending.getAsBoolean()) {
                return;
            }
            current.getAsyncRemote().sendText(LoadMessage.create(System.nanoTime(), sizeBytes),
                    pipelined && !echo ? sendNextWhenDone : countFailures);
            stats.sent.increment();
        } catch (IllegalStateException e) {
            // closed under us: the close handler counts the drop; this message was never sent
            sendFailed(e);
        } finally {
            stats.sendsUnderway.decrementAndGet();
        }
    }

    @Override
    public void onMessage(String text) {
        long sent = LoadMessage.sendNanos(text);
        if (sent == LoadMessage.NONE) {
            return; // not ours (an acknowledgement, a greeting)
        }
        stats.received.increment();
        stats.roundTrip(sent, System.nanoTime());
        if (pipelined) {
            send();
        }
    }

    private void sent(SendResult result) {
        if (!result.isOK()) {
            sendFailed(result.getException());
        }
    }

    private void sentThenNext(SendResult result) {
        sent(result);
        if (result.isOK()) {
            send();
        }
    }

    private void sendFailed(Throwable error) {
        stats.sendErrors.increment();
        stats.error("send failed: " + (error == null ? "unknown" : Failures.summary(error)));
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        if (!closingByUs) {
            stats.dropped.increment();
            stats.error("closed by the server or the network: " + CloseDescriptions.describe(reason));
        }
    }

    @Override
    public void onError(Session failed, Throwable error) {
        stats.error("connection error: " + Failures.summary(error));
    }

    boolean isOpen() {
        Session current = session;
        return current != null && current.isOpen();
    }

    /** Closes normally (1000); the run is over, so nothing counts as dropped from here on. */
    void close() {
        closingByUs = true;
        Session current = session;
        if (current != null && current.isOpen()) {
            try {
                current.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "load done"));
            } catch (IOException | IllegalStateException e) {
                // already closing: nothing more to say to this peer
            }
        }
    }
}
