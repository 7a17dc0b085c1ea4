package dev.wsprobe.sender;

import java.time.Duration;

/**
 * How the sender makes sure the server is still there: a ping every {@code interval}, and a connection whose
 * ping is unanswered for {@code timeout} counts as dropped (a server gone without a close, a cut network),
 * instead of looking {@code ready} while every send vanishes. Any message from the server also proves it alive.
 *
 * @param interval time between pings; zero = no pings (default 30 s)
 * @param timeout  longest wait for the pong (default 10 s)
 */
public record Heartbeat(Duration interval, Duration timeout) {
    public static final Heartbeat DEFAULT = new Heartbeat(Duration.ofSeconds(30), Duration.ofSeconds(10));
    public static final Heartbeat OFF = new Heartbeat(Duration.ZERO, Duration.ZERO);

    public Heartbeat {
        if (interval.isNegative() || timeout.isNegative() || (!interval.isZero() && timeout.isZero())) {
            throw new IllegalArgumentException("ping interval and pong timeout must be positive (interval 0 = off), "
                    + "got " + interval + " and " + timeout);
        }
    }

    public boolean enabled() {
        return !interval.isZero();
    }
}
