package dev.wsprobe.sender;

import jakarta.websocket.CloseReason;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A periodic sender that keeps trying, for hosts that run one unattended (the WAR): every failure becomes
 * {@code waiting(error)} and a new connection after a pause that doubles from {@link #FIRST_RETRY} up to
 * {@link #LONGEST_RETRY} (back to the first after a connection reached {@code ready}). It ends only when
 * stopped. Counts sends over all its connections for {@link #status()}.
 */
public final class RetryingSender {
    /** Pause before the first retry: 1 s. */
    public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    /** Longest pause between retries: 30 s. */
    public static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final SenderOptions options;
    private final ClientConnector connector;
    private final ScheduledExecutorService scheduler;
    private final SenderListener listener;
    private final Clock clock;
    private final Duration firstRetry;
    private final Relay relay = new Relay();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();

    private volatile ConnectionState state = ConnectionState.SETUP;
    private PeriodicSender current;
    private CompletableFuture<SenderResult> currentResult = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> pendingRetry;
    private Duration nextPause;
    private boolean stopped;

    public RetryingSender(SenderOptions options, ClientConnector connector, ScheduledExecutorService scheduler,
            SenderListener listener, Clock clock) {
        this(options, connector, scheduler, listener, clock, FIRST_RETRY);
    }

    /** @param firstRetry the pause before the first retry (tests use a short one) */
    public RetryingSender(SenderOptions options, ClientConnector connector, ScheduledExecutorService scheduler,
            SenderListener listener, Clock clock, Duration firstRetry) {
        this.options = options;
        this.connector = connector;
        this.scheduler = scheduler;
        this.listener = listener;
        this.clock = clock;
        this.firstRetry = firstRetry;
        this.nextPause = firstRetry;
    }

    public void start() {
        attempt();
    }

    /**
     * Stops retrying and closes the current connection normally (1000).
     *
     * @return completes when the current connection has ended
     */
    public CompletableFuture<?> stop() {
        PeriodicSender running;
        CompletableFuture<SenderResult> ending;
        synchronized (this) {
            if (stopped) {
                return currentResult;
            }
            stopped = true;
            if (pendingRetry != null) {
                pendingRetry.cancel(false);
            }
            running = current;
            ending = currentResult;
        }
        if (running != null && !ending.isDone()) {
            running.cancel();
        } else {
            relay.stateChanged(ConnectionState.CANCELLED); // between connections: nothing to close
        }
        return ending;
    }

    public SenderStatus status() {
        return new SenderStatus(state, options.target(), sent.get(), sendFailures.get());
    }

    private void attempt() {
        PeriodicSender sender;
        CompletableFuture<SenderResult> result;
        synchronized (this) {
            if (stopped) {
                return;
            }
            sender = new PeriodicSender(options, connector, scheduler, relay, clock);
            current = sender;
            try {
                result = sender.start();
            } catch (RejectedExecutionException e) {
                // the scheduler is shutting down with the application: nothing more to do
                stopped = true;
                relay.stateChanged(ConnectionState.CANCELLED);
                return;
            }
            currentResult = result;
        }
        result.whenComplete((ended, error) -> ended(ended));
    }

    private void ended(SenderResult result) {
        Duration pause;
        synchronized (this) {
            if (stopped || result == null || result.succeeded()) {
                return;
            }
            pause = nextPause;
            Duration doubled = nextPause.multipliedBy(2);
            nextPause = doubled.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : doubled;
        }
        relay.report(ConnectionState.waiting(result.finalState().error()));
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                pendingRetry = scheduler.schedule(this::attempt, pause.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                stopped = true;
            }
        }
    }

    /** Passes every event on, counting sends and turning a connection's {@code failed} into our own state. */
    private final class Relay implements SenderListener {
        @Override
        public void willStart(URI target) {
            listener.willStart(target);
        }

        @Override
        public void stateChanged(ConnectionState next) {
            if (next.kind() == ConnectionState.Kind.FAILED) {
                synchronized (RetryingSender.this) {
                    if (!stopped) {
                        return; // not final for us: ended() reports waiting(error) instead
                    }
                }
            }
            if (next.kind() == ConnectionState.Kind.READY) {
                synchronized (RetryingSender.this) {
                    nextPause = firstRetry;
                }
            }
            report(next);
        }

        synchronized void report(ConnectionState next) {
            if (state.isTerminal() || state.equals(next)) {
                return;
            }
            state = next;
            listener.stateChanged(next);
        }

        @Override
        public void willSend(long number) {
            listener.willSend(number);
        }

        @Override
        public void didSend(long number, int sizeBytes, Throwable error) {
            (error == null ? sent : sendFailures).incrementAndGet();
            listener.didSend(number, sizeBytes, error);
        }

        @Override
        public void received(boolean binary, int sizeBytes) {
            listener.received(binary, sizeBytes);
        }

        @Override
        public void closed(CloseReason reason) {
            listener.closed(reason);
        }
    }
}
