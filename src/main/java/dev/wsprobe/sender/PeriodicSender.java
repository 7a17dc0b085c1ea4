package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.CloseDiagnoses;
import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.diagnosis.Diagnosis;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.diagnosis.Words;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The seed's client: connects to a URL, then sends a message every interval and reports each state change
 * and each send's outcome to its {@link SenderListener}.
 *
 * <p>Lifecycle: {@code preparing} -> {@code ready}; a transient failure (refused, dropped, server going away,
 * timeout) -> {@code waiting(diagnosis)}, then {@code preparing} again after a backoff; a permanent one
 * (TLS trust, HTTP 4xx, ...) or exhausted retries -> {@code failed(diagnosis)}. Ticks keep their rhythm
 * through outages: a tick while not {@code ready} is counted as skipped, never silently lost.
 *
 * <p>Every message ends in its number ({@link SequenceNumbers}) and the sender names itself in the URL's query,
 * so the receiver can report gaps and duplicates. With {@link SenderOptions#acknowledged()} the receiver
 * acknowledges each number; unacknowledged messages (at most {@value #MAX_UNACKNOWLEDGED}) are sent again,
 * in order, after a reconnect, so a receiver restart loses nothing.
 *
 * <p>Hosting is left to the caller: it supplies the {@link ClientConnector} (which WebSocket client, which TLS
 * settings) and the scheduler (in an application server, a container-managed one; it needs two threads so a
 * tick can be counted while a connection attempt blocks).
 */
public final class PeriodicSender {
    /** Unacknowledged messages kept for resending; beyond this the oldest is dropped (and counted). */
    public static final int MAX_UNACKNOWLEDGED = 10_000;

    private final SenderOptions options;
    private final ClientConnector connector;
    private final ScheduledExecutorService scheduler;
    private final SenderListener listener;
    private final Diagnoser diagnoser;
    private final MessageTemplate template;
    private final Random jitter = new Random();
    private final CompletableFuture<SenderResult> result = new CompletableFuture<>();

    private final AtomicLong attempted = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();
    private final String senderId = Long.toHexString(new Random().nextLong() & 0xFFFFFFFFL);
    private final URI connectTo;
    /** By number: what was sent and not yet acknowledged (only with acknowledgements). */
    private final ConcurrentSkipListMap<Long, String> unacknowledged = new ConcurrentSkipListMap<>();

    private ConnectionState state = ConnectionState.SETUP;
    private Session session;
    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> pendingRetry;
    private ScheduledFuture<?> heartbeat;
    /** Number of our unanswered ping, 0 when none is outstanding. */
    private long pingOutstanding;
    private long pingsSent;
    private int consecutiveFailures;
    /**
     * Number of the latest connection attempt. A connection can open just as its attempt is given up (the
     * handshake completes at the moment the wait for it times out); events of an attempt that is no longer
     * the current one in {@code preparing} must not change the state.
     */
    private long attempt;
    /** Set once we close on purpose, so the close that follows means {@code cancelled}, not a failure. */
    private boolean closingOnPurpose;

    /** A sender whose failures are diagnosed against the JDK's default trust, host names checked. */
    public PeriodicSender(SenderOptions options, ClientConnector connector, ScheduledExecutorService scheduler,
            SenderListener listener, Clock clock) {
        this(options, connector, scheduler, listener, clock,
                new Diagnoser(null, true, options.handshakeTimeout()));
    }

    public PeriodicSender(SenderOptions options, ClientConnector connector, ScheduledExecutorService scheduler,
            SenderListener listener, Clock clock, Diagnoser diagnoser) {
        this.options = options;
        this.connector = connector;
        this.scheduler = scheduler;
        this.listener = listener;
        this.diagnoser = diagnoser;
        this.template = new MessageTemplate(options.template(), clock);
        this.connectTo = SequenceNumbers.withSenderIdentity(options.target(), senderId, options.acknowledged());
    }

    /** Starts connecting; the future completes when the sender reaches {@code failed} or {@code cancelled}. */
    public CompletableFuture<SenderResult> start() {
        listener.willStart(connectTo);
        attemptConnection();
        return result;
    }

    /** Stops; closes normally (1000) when connected. The future completes with {@code cancelled}. */
    public void cancel() {
        Session open;
        synchronized (this) {
            if (state.isTerminal()) {
                return;
            }
            closingOnPurpose = true;
            cancelTimers();
            open = session;
        }
        if (open == null || !closeNormally(open, "cancelled")) {
            finish(ConnectionState.CANCELLED);
        }
    }

    /** How this sender names itself to the receiver ({@link SequenceNumbers#SENDER_PARAMETER}). */
    public String senderId() {
        return senderId;
    }

    public synchronized ConnectionState state() {
        return state;
    }

    /** The state and counts now, for status pages. */
    public SenderStatus status() {
        return new SenderStatus(state(), options.target(), sent.get(), sendFailures.get());
    }

    private void attemptConnection() {
        long thisAttempt;
        synchronized (this) {
            if (state.isTerminal() || state.kind() == ConnectionState.Kind.PREPARING) {
                return;
            }
            // numbered before the state says preparing, so no late event of the previous attempt can pass
            thisAttempt = ++attempt;
        }
        if (!moveTo(ConnectionState.PREPARING)) {
            return;
        }
        scheduler.execute(() -> {
            try {
                connector.connect(new SenderEndpoint(this, thisAttempt), connectTo);
            } catch (Exception e) {
                failedToConnect(thisAttempt, e);
            }
        });
    }

    private void failedToConnect(long failedAttempt, Exception failure) {
        synchronized (this) {
            if (state.isTerminal() || closingOnPurpose) {
                finishIfCancelled();
                return;
            }
            if (failedAttempt != attempt || state.kind() != ConnectionState.Kind.PREPARING) {
                // its connection opened after all, as the wait for it ran out: that connection stands
                return;
            }
            // Given up from here on. The diagnosis below probes the server for seconds, and Tyrus goes on with a
            // handshake whose wait ran out: should it open now, opened() must close it as an old attempt's,
            // or the sender would be ready, then waiting, with that connection left open on the server.
            attempt++;
        }
        retryOrFail(diagnoser.diagnose(options.target(), failure));
    }

    private void retryOrFail(Diagnosis diagnosis) {
        int retry;
        synchronized (this) {
            if (closingOnPurpose) {
                finishIfCancelled();
                return;
            }
            retry = ++consecutiveFailures;
        }
        if (!options.retry().retries(diagnosis.isTransient()) || !options.retry().allows(retry)) {
            finish(ConnectionState.failed(diagnosis));
            return;
        }
        Duration delay = options.retry().delayBefore(retry, jitter);
        if (moveTo(ConnectionState.waiting(diagnosis))) {
            listener.willRetry(retry, delay);
            synchronized (this) {
                pendingRetry = scheduler.schedule(this::attemptConnection, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    void opened(Session newSession, long openedAttempt) {
        synchronized (this) {
            if (!closingOnPurpose && (openedAttempt != attempt || state.kind() != ConnectionState.Kind.PREPARING)) {
                // Opened after its attempt was given up (timed out): the sender is waiting to retry, or already
                // on a newer attempt. This connection belongs to no one; its close is ignored (see closed).
                closeNormally(newSession, "connection attempt given up");
                return;
            }
            session = newSession;
            consecutiveFailures = 0;
            if (closingOnPurpose) {
                closeNormally(newSession, "cancelled"); // cancelled while the connection was being set up
                return;
            }
            if (ticks == null) {
                ticks = scheduler.scheduleAtFixedRate(this::tick, options.firstSend().toNanos(),
                        options.interval().toNanos(), TimeUnit.NANOSECONDS);
            }
            // before ready, so no new message can overtake them
            resendUnacknowledged(newSession);
            startHeartbeat(newSession);
        }
        moveTo(ConnectionState.READY);
    }

    private void startHeartbeat(Session open) {
        Heartbeat beat = options.heartbeat();
        if (!beat.enabled()) {
            return;
        }
        pingOutstanding = 0;
        heartbeat = scheduler.scheduleAtFixedRate(() -> ping(open), beat.interval().toNanos(),
                beat.interval().toNanos(), TimeUnit.NANOSECONDS);
    }

    private void ping(Session open) {
        long number;
        synchronized (this) {
            if (session != open || pingOutstanding != 0) {
                return;
            }
            number = ++pingsSent;
            pingOutstanding = number;
        }
        try {
            open.getAsyncRemote().sendPing(ByteBuffer.wrap(Long.toString(number).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | IllegalStateException e) {
            return; // the session is closing: its close decides what comes next
        }
        scheduler.schedule(() -> checkPong(open, number), options.heartbeat().timeout().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    /** Any pong, or any message, proves the server alive. */
    void heardFromServer() {
        synchronized (this) {
            pingOutstanding = 0;
        }
    }

    private void checkPong(Session open, long number) {
        synchronized (this) {
            if (session != open || pingOutstanding != number) {
                return; // answered, or that connection is already over
            }
            // give the connection up: its late close, if any, belongs to no one (see closed)
            session = null;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
        Diagnosis gone = new Diagnosis(DiagnosisCode.CONNECTION_DROPPED, "no pong within "
                + Words.seconds(options.heartbeat().timeout()) + ": the server is gone without a close",
                "retrying; a cut network or a crashed server looks like this");
        closeNormally(open, "no pong");
        retryOrFail(gone);
    }

    private void resendUnacknowledged(Session open) {
        for (Map.Entry<Long, String> pending : unacknowledged.entrySet()) {
            resent.incrementAndGet();
            send(open, pending.getKey(), pending.getValue(), (number, size, error) -> listener.resent(number, error));
        }
    }

    private void tick() {
        if (options.count() > 0 && attempted.get() >= options.count()) {
            return; // the last sends are still completing; the final completion closes
        }
        Session open;
        synchronized (this) {
            open = state.kind() == ConnectionState.Kind.READY ? session : null;
        }
        if (open == null) {
            listener.skipped(skipped.incrementAndGet());
            return;
        }
        long number = attempted.incrementAndGet();
        listener.willSend(number);
        String text = template.render(number);
        if (options.acknowledged()) {
            unacknowledged.put(number, text);
            while (unacknowledged.size() > MAX_UNACKNOWLEDGED) {
                unacknowledged.pollFirstEntry();
            }
        }
        send(open, number, text, this::sendCompleted);
    }

    /** What to do when a send completes. */
    @FunctionalInterface
    private interface SendOutcome {
        void completed(long number, int sizeBytes, Throwable error);
    }

    private void send(Session open, long number, String text, SendOutcome then) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SendHandler outcome = sendResult -> then.completed(number, bytes.length, sendResult.getException());
        try {
            if (options.binary()) {
                open.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), outcome);
            } else {
                open.getAsyncRemote().sendText(text, outcome);
            }
        } catch (RuntimeException e) {
            // the session closed between the tick and the send (Tyrus may also reject the task while shutting
            // the session down): report it as this send's error, and never let it end the scheduled ticks
            then.completed(number, bytes.length, e);
        }
    }

    private void sendCompleted(long number, int sizeBytes, Throwable error) {
        (error == null ? sent : sendFailures).incrementAndGet();
        listener.didSend(number, sizeBytes, error);
        completed.incrementAndGet();
        closeWhenDone();
    }

    /** With a count: once every message is sent (and, with acknowledgements, acknowledged), close normally. */
    private void closeWhenDone() {
        if (options.count() == 0 || completed.get() < options.count() || !unacknowledged.isEmpty()) {
            return;
        }
        Session open;
        synchronized (this) {
            if (closingOnPurpose) {
                return;
            }
            closingOnPurpose = true;
            cancelTimers();
            open = session;
        }
        String why = "done: " + options.count() + (options.count() == 1 ? " message" : " messages");
        if (open == null || !closeNormally(open, why)) {
            finish(ConnectionState.CANCELLED);
        }
    }

    void receivedText(String text) {
        heardFromServer();
        OptionalLong acknowledgedNumber = options.acknowledged() ? SequenceNumbers.acknowledged(text)
                : OptionalLong.empty();
        if (acknowledgedNumber.isPresent()) {
            unacknowledged.remove(acknowledgedNumber.getAsLong());
            closeWhenDone();
            return;
        }
        received(false, text.getBytes(StandardCharsets.UTF_8).length);
    }

    void received(boolean binary, int sizeBytes) {
        heardFromServer();
        received.incrementAndGet();
        listener.received(binary, sizeBytes);
    }

    void closed(Session closedSession, CloseReason reason) {
        boolean onPurpose;
        synchronized (this) {
            if (session != closedSession && !closingOnPurpose) {
                return; // a connection already given up (no pong): its failure was handled then
            }
            session = null;
            onPurpose = closingOnPurpose;
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
        }
        listener.closed(reason);
        if (onPurpose) {
            finish(ConnectionState.CANCELLED);
        } else {
            retryOrFail(CloseDiagnoses.of(reason));
        }
    }

    void error(Throwable error) {
        // The close that follows decides the state; a failure of an open session always brings one.
    }

    /** @return false when the session was already closed, so no onClose will follow */
    private static boolean closeNormally(Session open, String why) {
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

    private synchronized void cancelTimers() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (pendingRetry != null) {
            pendingRetry.cancel(false);
        }
        if (heartbeat != null) {
            heartbeat.cancel(false);
        }
    }

    private void finishIfCancelled() {
        finish(ConnectionState.CANCELLED);
    }

    /** @return true when this call made the change (a terminal state is never left) */
    private boolean moveTo(ConnectionState next) {
        synchronized (this) {
            if (state.isTerminal() || state.equals(next)) {
                return false;
            }
            state = next;
            if (next.isTerminal()) {
                cancelTimers();
            }
        }
        listener.stateChanged(next);
        return true;
    }

    private void finish(ConnectionState terminal) {
        if (moveTo(terminal)) {
            result.complete(new SenderResult(terminal, attempted.get(), sent.get(), sendFailures.get(),
                    skipped.get(), received.get(), resent.get(), unacknowledged.size()));
        }
    }
}
