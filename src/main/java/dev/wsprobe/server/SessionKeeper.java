package dev.wsprobe.server;

import dev.wsprobe.diagnosis.Words;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Looks after open server sessions on a timer: pings a peer that has been quiet for {@link #pingInterval},
 * closes it with 1001 when that ping stays unanswered for {@link #pongTimeout} (a peer gone without a close,
 * e.g. a cut network), and closes a session that sent no message for {@link #idleTimeout} with 1001 (pongs
 * keep a connection known to be alive, not busy). Implemented here rather than with the container's idle timeout because
 * Tyrus closes idle sessions with 1006, which clients read as a dropped connection.
 *
 * @param idleTimeout  close after this long without a message or pong; zero = never (default 10 min)
 * @param pingInterval ping a peer quiet for this long; zero = never (default 30 s)
 * @param pongTimeout  close when a ping is unanswered this long (default 10 s)
 */
public record SessionKeeper(Duration idleTimeout, Duration pingInterval, Duration pongTimeout) {
    public static final SessionKeeper DEFAULT =
            new SessionKeeper(Duration.ofMinutes(10), Duration.ofSeconds(30), Duration.ofSeconds(10));

    private static final Duration MIN_SWEEP = Duration.ofMillis(50);
    private static final Duration MAX_SWEEP = Duration.ofSeconds(5);

    /** Starts sweeping {@code server}'s sessions on {@code scheduler}; cancel the returned future to stop. */
    ScheduledFuture<?> start(ScheduledExecutorService scheduler, ServerContext server) {
        long sweep = sweepPeriod().toNanos();
        return scheduler.scheduleAtFixedRate(() -> sweep(server), sweep, sweep, TimeUnit.NANOSECONDS);
    }

    /** A quarter of the shortest timeout, so a timeout fires at most 25 % late. */
    Duration sweepPeriod() {
        Duration shortest = MAX_SWEEP.multipliedBy(4);
        for (Duration timeout : new Duration[] {idleTimeout, pingInterval, pongTimeout}) {
            if (!timeout.isZero() && timeout.compareTo(shortest) < 0) {
                shortest = timeout;
            }
        }
        Duration quarter = shortest.dividedBy(4);
        return quarter.compareTo(MIN_SWEEP) < 0 ? MIN_SWEEP : quarter.compareTo(MAX_SWEEP) > 0 ? MAX_SWEEP : quarter;
    }

    void sweep(ServerContext server) {
        long now = System.nanoTime();
        for (EndpointStats endpoint : server.endpoints()) {
            for (ServerConnection connection : endpoint.openConnections()) {
                look(connection, now);
            }
        }
    }

    private void look(ServerConnection connection, long now) {
        long quiet = connection.heardFromNanosAgo(now);
        long unanswered = connection.pingUnansweredNanos(now);
        if (!idleTimeout.isZero() && connection.lastMessageNanosAgo(now) >= idleTimeout.toNanos()) {
            connection.closeGoingAway("idle for " + Words.seconds(idleTimeout));
        } else if (unanswered >= 0 && !pongTimeout.isZero() && unanswered >= pongTimeout.toNanos()) {
            connection.closeGoingAway("no pong within " + Words.seconds(pongTimeout) + ": the peer is gone");
        } else if (unanswered < 0 && !pingInterval.isZero() && quiet >= pingInterval.toNanos()) {
            connection.ping(now);
        }
    }

}
