package dev.wsprobe.server;

import dev.wsprobe.sender.SenderStatus;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * What one running server keeps: its configuration, each endpoint's open sessions and counters, and the
 * receiver's sequence tracking. The host makes one per server and hands it to the endpoints through
 * {@link EndpointConfigurator}; nothing of it is static, so servers with different settings can run side by
 * side in one JVM (a user's tests, wsprobe's own).
 */
public final class ServerContext {
    private static final System.Logger LOG = System.getLogger(ServerContext.class.getName());

    private final ServerConfig config;
    private final Instant startedAt;
    private final EndpointStats receiver;
    private final EndpointStats echo;
    private final SequenceTracker sequences;
    private final SubprotocolCounts subprotocols;
    private final GroupedCounts refusals = GroupedCounts.refusalStatuses();
    /** The host's timers, from {@link #startTimers}; null before (or on a host without a scheduler). */
    private volatile ScheduledExecutorService timers;
    /** Where blocking sends (fragmented echoes) run; the timers unless the host gives its own. */
    private volatile java.util.concurrent.Executor blockingSends;

    public ServerContext(ServerConfig config) {
        this(config, MessageJournal.Limits.DEFAULT);
    }

    /**
     * A context whose endpoints' {@link EndpointStats#journal() journals} keep up to {@code journalLimits} each
     * (while someone reads them).
     */
    public ServerContext(ServerConfig config, MessageJournal.Limits journalLimits) {
        this.config = config;
        this.startedAt = Instant.now();
        this.receiver = new EndpointStats("/receive", config.messageLogging(), journalLimits);
        this.echo = new EndpointStats("/echo", config.messageLogging(), journalLimits);
        this.sequences = new SequenceTracker(config.sequences());
        this.subprotocols = new SubprotocolCounts(config.subprotocols());
    }

    /** Upgrade requests this server refused, by HTTP status; the hosts count into it. */
    public GroupedCounts refusals() {
        return refusals;
    }

    /** Connections per chosen subprotocol, for {@code /status}. */
    public SubprotocolCounts subprotocols() {
        return subprotocols;
    }

    /** The host's scheduler for this server's timers (delayed echoes), null when the host has none. */
    public ScheduledExecutorService timers() {
        return timers;
    }

    /** Where sends that block (fragmented echoes) run, null when the host offers nothing. */
    public java.util.concurrent.Executor blockingSends() {
        java.util.concurrent.Executor own = blockingSends;
        return own != null ? own : timers;
    }

    /** The host runs blocking sends on {@code executor} rather than on its timers. */
    public void useForBlockingSends(java.util.concurrent.Executor executor) {
        blockingSends = executor;
    }

    public ServerConfig config() {
        return config;
    }

    public EndpointStats receiver() {
        return receiver;
    }

    public EndpointStats echo() {
        return echo;
    }

    public List<EndpointStats> endpoints() {
        return List.of(receiver, echo);
    }

    /** Every sender's message numbers as the receiver saw them, for the life of this server. */
    public SequenceTracker sequences() {
        return sequences;
    }

    /** What {@code /status} reports now; {@code sender} is the host's own periodic sender, null when none. */
    public ServerStatus status(Clock clock, SenderStatus sender) {
        return new ServerStatus(Duration.between(startedAt, clock.instant()),
                endpoints().stream().map(EndpointStats::snapshot).toList(),
                ServerStatus.Sequences.of(sequences), sender, subprotocols.snapshot());
    }

    /**
     * Starts this server's timers on {@code scheduler}: the session keeper (idle timeout, dead-peer pings) and
     * the once-a-second summed-up message lines, so a burst's last second is logged without waiting for the
     * next message.
     *
     * @return stops both
     */
    public Runnable startTimers(ScheduledExecutorService scheduler) {
        timers = scheduler;
        ScheduledFuture<?> keeping = config.keeper().start(scheduler, this);
        ScheduledFuture<?> messageLines = scheduler.scheduleAtFixedRate(
                () -> endpoints().forEach(endpoint -> endpoint.messageLog().flush()), 1, 1, TimeUnit.SECONDS);
        return () -> {
            keeping.cancel(false);
            messageLines.cancel(false);
        };
    }

    /**
     * Closes every open session with 1001 (going away), then waits up to {@code patience} for the close
     * handshakes, so clients learn the server left on purpose instead of seeing a dropped connection (1006).
     * Logs how many did not answer in time; an interrupt ends the wait early and stays set.
     */
    public void closeAllGoingAway(Duration patience) {
        try {
            int unanswered = closeAllAndWait(patience);
            if (unanswered > 0) {
                LOG.log(System.Logger.Level.WARNING, unanswered + " connection(s) did not answer the close in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return how many sessions were still open when patience ran out */
    private int closeAllAndWait(Duration patience) throws InterruptedException {
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
        for (EndpointStats endpoint : endpoints()) {
            for (Session session : endpoint.openSessions()) {
                try {
                    session.close(goingAway);
                } catch (IOException | IllegalStateException e) {
                    // already closing from the other side: nothing left to tell this peer
                    LOG.log(System.Logger.Level.DEBUG, "close of session {0} failed: {1}", session.getId(), e);
                }
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        int stillOpen = 0;
        for (EndpointStats endpoint : endpoints()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!endpoint.awaitNoOpenSessions(left)) {
                stillOpen += endpoint.snapshot().openConnections();
            }
        }
        return stillOpen;
    }
}
