package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.CloseDiagnoses;
import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.diagnosis.Diagnosis;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

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
 * tick can be counted while a connection attempt blocks). This class keeps the connection's state; the messages
 * are {@link MessageFlow}'s, what the server sends {@link Incoming}'s, the retries {@link RetryScheduler}'s, the
 * probe of a silent attempt {@link WrongSchemeWatch}'s.
 */
public final class PeriodicSender {
    /** Unacknowledged messages kept for resending; beyond this the oldest is dropped. */
    public static final int MAX_UNACKNOWLEDGED = 10_000;

    private final SenderOptions options;
    private final ClientConnector connector;
    private final ScheduledExecutorService scheduler;
    private final SenderListener listener;
    private final Diagnoser diagnoser;
    private final CompletableFuture<SenderResult> result = new CompletableFuture<>();

    private final SenderCounters counts = new SenderCounters();
    private final MessageFlow messages;
    private final String senderId = Long.toHexString(new Random().nextLong() & 0xFFFFFFFFL);
    private final URI connectTo;
    private final DeadPeerDetector heartbeat;
    private final Incoming incoming;
    private final RetryScheduler retries;
    private final WrongSchemeWatch wrongScheme;

    private ConnectionState state = ConnectionState.SETUP;
    private Session session;
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
        this.connectTo = SequenceNumbers.withSenderIdentity(options.target(), senderId, options.acknowledged());
        this.heartbeat = new DeadPeerDetector(options.heartbeat(), scheduler);
        this.messages = new MessageFlow(options, scheduler, listener, clock, counts, this::readySession,
                this::closeOnPurpose);
        this.incoming = new Incoming(heartbeat, messages, counts, listener);
        this.retries = new RetryScheduler(options.retry(), scheduler);
        this.wrongScheme = new WrongSchemeWatch(scheduler, diagnoser, options.target());
    }

    private synchronized Session readySession() {
        return state.kind() == ConnectionState.Kind.READY ? session : null;
    }

    /** Starts connecting; the future completes when the sender reaches {@code failed} or {@code cancelled}. */
    public CompletableFuture<SenderResult> start() {
        listener.willStart(connectTo);
        attemptConnection();
        return result;
    }

    /** Stops; closes normally (1000) when connected. The future completes with {@code cancelled}. */
    public void cancel() {
        closeOnPurpose("cancelled");
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
        return counts.status(state(), options.target());
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
        wrongScheme.watch(() -> stillConnecting(thisAttempt), mismatch -> {
            if (giveUp(thisAttempt)) {
                retryOrFail(mismatch);
            }
        });
        scheduler.execute(() -> {
            try {
                connector.connect(new SenderEndpoint(this, incoming, thisAttempt), connectTo);
            } catch (Exception e) {
                failedToConnect(thisAttempt, e);
            }
        });
    }

    private synchronized boolean stillConnecting(long which) {
        return which == attempt && state.kind() == ConnectionState.Kind.PREPARING && !closingOnPurpose;
    }

    /** Gives the attempt up if still under way: a late open is closed as an old attempt's, a late failure ignored. */
    private synchronized boolean giveUp(long which) {
        if (!stillConnecting(which)) {
            return false;
        }
        attempt++;
        return true;
    }

    private void failedToConnect(long failedAttempt, Exception failure) {
        synchronized (this) {
            if (state.isTerminal() || closingOnPurpose) {
                finish(ConnectionState.CANCELLED);
                return;
            }
            // Given up from here on. The diagnosis below probes the server for seconds, and Tyrus goes on with a
            // handshake whose wait ran out: should it open now, opened() must close it as an old attempt's,
            // or the sender would be ready, then waiting, with that connection left open on the server.
            if (!giveUp(failedAttempt)) {
                return; // its connection opened after all, as the wait for it ran out: that connection stands
            }
        }
        retryOrFail(diagnoser.diagnose(options.target(), failure));
    }

    private void retryOrFail(Diagnosis diagnosis) {
        int retry;
        synchronized (this) {
            if (closingOnPurpose) {
                finish(ConnectionState.CANCELLED);
                return;
            }
            retry = retries.failed();
        }
        Duration delay = retries.delayBefore(retry, diagnosis.isTransient());
        if (delay == null) {
            finish(ConnectionState.failed(diagnosis));
            return;
        }
        if (moveTo(ConnectionState.waiting(diagnosis))) {
            listener.willRetry(retry, delay);
            synchronized (this) {
                retries.schedule(this::attemptConnection, delay);
            }
        }
    }

    void opened(Session newSession, long openedAttempt) {
        synchronized (this) {
            if (!closingOnPurpose && (openedAttempt != attempt || state.kind() != ConnectionState.Kind.PREPARING)) {
                // Opened after its attempt was given up (timed out): the sender is waiting to retry, or already
                // on a newer attempt. This connection belongs to no one; its close is ignored (see closed).
                Outgoing.closeNormally(newSession, "connection attempt given up");
                return;
            }
            session = newSession;
            retries.connected();
            if (closingOnPurpose) {
                Outgoing.closeNormally(newSession, "cancelled"); // cancelled while the connection was being set up
                return;
            }
            // before ready, so no new message can overtake them
            messages.resendTo(newSession);
            heartbeat.watch(newSession.getAsyncRemote()::sendPing, () -> noPong(newSession));
        }
        if (moveTo(ConnectionState.READY)) {
            messages.startTicking(); // after ready: a first tick at once (--delay 0) must find the sender ready
        }
    }

    private void noPong(Session open) {
        synchronized (this) {
            if (session != open) {
                return; // that connection is already over
            }
            session = null; // give the connection up: its late close, if any, belongs to no one (see closed)
        }
        Outgoing.closeNormally(open, "no pong");
        retryOrFail(DeadPeerDetector.noPong(options.heartbeat()));
    }

    /** Stops the timers and closes normally, once; the close that follows (or none) ends in {@code cancelled}. */
    private void closeOnPurpose(String why) {
        Session open;
        synchronized (this) {
            if (state.isTerminal() || closingOnPurpose) {
                return;
            }
            closingOnPurpose = true;
            cancelTimers();
            open = session;
        }
        if (open == null || !Outgoing.closeNormally(open, why)) {
            finish(ConnectionState.CANCELLED);
        }
    }

    void closed(Session closedSession, CloseReason reason) {
        boolean onPurpose;
        synchronized (this) {
            if (session != closedSession && !closingOnPurpose) {
                return; // a connection already given up (no pong): its failure was handled then
            }
            session = null;
            onPurpose = closingOnPurpose;
            heartbeat.stop();
        }
        listener.closed(reason);
        Diagnosis diagnosis = CloseDiagnoses.of(reason);
        if (onPurpose || messages.everythingSent()) {
            // the run is over; a close that says the server refused what it got (1009...) makes it a failed one
            finish(diagnosis.isTransient() ? ConnectionState.CANCELLED : ConnectionState.failed(diagnosis));
        } else {
            retryOrFail(diagnosis);
        }
    }

    private synchronized void cancelTimers() {
        messages.stop();
        retries.cancel();
        heartbeat.stop();
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
            result.complete(counts.result(terminal, messages.unacknowledged()));
        }
    }
}
