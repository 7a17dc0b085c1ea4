package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.CloseDescriptions;
import dev.wsprobe.diagnosis.Failures;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's client: connects to a URL, then sends a message every interval and reports each state change
 * and each send's outcome to its {@link SenderListener}.
 *
 * <p>Hosting is left to the caller: it supplies the {@link ClientConnector} (which WebSocket client, which
 * TLS settings) and the scheduler (in an application server, a container-managed one). Connecting blocks a
 * scheduler thread; sends are asynchronous and report through their completion handler, as in the seed.
 */
public final class PeriodicSender {
    private final SenderOptions options;
    private final ClientConnector connector;
    private final ScheduledExecutorService scheduler;
    private final SenderListener listener;
    private final MessageTemplate template;
    private final CompletableFuture<SenderResult> result = new CompletableFuture<>();

    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    private ConnectionState state = ConnectionState.SETUP;
    private Session session;
    private ScheduledFuture<?> ticks;
    /** Set once we close on purpose, so the close that follows means {@code cancelled}, not {@code failed}. */
    private boolean closingOnPurpose;

    public PeriodicSender(SenderOptions options, ClientConnector connector, ScheduledExecutorService scheduler,
            SenderListener listener, Clock clock) {
        this.options = options;
        this.connector = connector;
        this.scheduler = scheduler;
        this.listener = listener;
        this.template = new MessageTemplate(options.template(), clock);
    }

    /** Starts connecting; the future completes when the sender reaches {@code failed} or {@code cancelled}. */
    public CompletableFuture<SenderResult> start() {
        listener.willStart(options.target());
        moveTo(ConnectionState.PREPARING);
        scheduler.execute(this::connect);
        return result;
    }

    /** Stops sending; closes normally (1000) when connected. The future completes with {@code cancelled}. */
    public void cancel() {
        Session open;
        synchronized (this) {
            if (state.isTerminal()) {
                return;
            }
            closingOnPurpose = true;
            stopTicks();
            open = session;
        }
        if (open == null || !closeNormally(open, "cancelled")) {
            finish(ConnectionState.CANCELLED);
        }
    }

    public synchronized ConnectionState state() {
        return state;
    }

    private void connect() {
        try {
            connector.connect(new SenderEndpoint(this), options.target());
        } catch (DeploymentException | IOException | RuntimeException e) {
            finish(ConnectionState.failed(Failures.summary(e)));
        }
    }

    void opened(Session newSession) {
        synchronized (this) {
            session = newSession;
            if (closingOnPurpose) {
                // cancelled while the connection was being set up
                closeNormally(newSession, "cancelled");
                return;
            }
            ticks = scheduler.scheduleAtFixedRate(this::sendNext, options.firstSend().toNanos(),
                    options.interval().toNanos(), TimeUnit.NANOSECONDS);
        }
        moveTo(ConnectionState.READY);
    }

    private void sendNext() {
        if (options.count() > 0 && attempted.get() >= options.count()) {
            return; // the last sends are still completing; the final completion closes
        }
        long number = attempted.incrementAndGet();
        if (options.count() > 0 && number == options.count()) {
            stopTicks();
        }
        listener.willSend(number);
        String text = template.render(number);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SendHandler outcome = sendResult -> sendCompleted(number, bytes.length, sendResult.getException());
        try {
            if (options.binary()) {
                session.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), outcome);
            } else {
                session.getAsyncRemote().sendText(text, outcome);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            // the session closed between the tick and the send
            sendCompleted(number, bytes.length, e);
        }
    }

    private void sendCompleted(long number, int sizeBytes, Throwable error) {
        (error == null ? sent : sendFailures).incrementAndGet();
        listener.didSend(number, sizeBytes, error);
        if (options.count() > 0 && completed.incrementAndGet() == options.count()) {
            Session open;
            synchronized (this) {
                closingOnPurpose = true;
                open = session;
            }
            String why = "done: " + options.count() + (options.count() == 1 ? " message" : " messages");
            if (!closeNormally(open, why)) {
                finish(ConnectionState.CANCELLED);
            }
        }
    }

    void received(boolean binary, int sizeBytes) {
        received.incrementAndGet();
        listener.received(binary, sizeBytes);
    }

    void closed(CloseReason reason) {
        boolean onPurpose;
        synchronized (this) {
            stopTicks();
            onPurpose = closingOnPurpose;
        }
        listener.closed(reason);
        finish(onPurpose ? ConnectionState.CANCELLED
                : ConnectionState.failed("connection closed by the server, " + CloseDescriptions.describe(reason)));
    }

    void error(Throwable error) {
        // the close that follows decides the state; a failure without a close is reported here
        synchronized (this) {
            if (session != null && session.isOpen()) {
                return;
            }
        }
        finish(ConnectionState.failed(Failures.summary(error)));
    }

    /** @return false when the session was already closed, so no onClose will follow */
    private boolean closeNormally(Session open, String why) {
        try {
            if (open.isOpen()) {
                open.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, why));
                return true;
            }
        } catch (IOException | IllegalStateException e) {
            // the peer closed first; onClose (if any) will report it
        }
        return false;
    }

    private synchronized void stopTicks() {
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    /** @return true when this call made the change (a terminal state is never left) */
    private boolean moveTo(ConnectionState next) {
        synchronized (this) {
            if (state.isTerminal() || state.equals(next)) {
                return false;
            }
            state = next;
            if (next.isTerminal()) {
                stopTicks();
            }
        }
        listener.stateChanged(next);
        return true;
    }

    private void finish(ConnectionState terminal) {
        if (moveTo(terminal)) {
            result.complete(new SenderResult(terminal, attempted.get(), sent.get(), sendFailures.get(),
                    received.get()));
        }
    }
}
