package dev.wsprobe.sender;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When to try again after a transient failure: exponential backoff with jitter, so many senders cut off by
 * the same server restart do not all come back in the same instant.
 *
 * @param initial    delay before the first retry (default 0.5 s); doubles each time
 * @param max        the delay never grows beyond this (default 30 s)
 * @param maxRetries retries after consecutive failures before giving up; -1 = never give up
 * @param persistent retry even failures that look permanent (HTTP 404, TLS trust...): for an unattended
 *                   sender, e.g. inside an application server, whose target may still be deploying
 */
public record RetryPolicy(Duration initial, Duration max, int maxRetries, boolean persistent) {
    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), -1);
    public static final RetryPolicy NEVER = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), 0);
    /** Never gives up, whatever the failure. */
    public static final RetryPolicy UNATTENDED =
            new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(30), -1, true);

    /** Retries transient failures only. */
    public RetryPolicy(Duration initial, Duration max, int maxRetries) {
        this(initial, max, maxRetries, false);
    }

    public RetryPolicy {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry delays must be positive, the maximum at least the first ("
                    + initial + ", " + max + ")");
        }
        if (maxRetries < -1) {
            throw new IllegalArgumentException("max retries is -1 (unlimited), 0 or more, got " + maxRetries);
        }
    }

    public boolean allows(int retry) {
        return maxRetries < 0 || retry <= maxRetries;
    }

    /** Whether a failure of this kind is worth another attempt at all. */
    public boolean retries(boolean transientFailure) {
        return transientFailure || persistent;
    }

    /**
     * The delay before retry number {@code retry} (1, 2, ...): {@code initial * 2^(retry-1)} capped at
     * {@code max}, then a random point in its upper half ("equal jitter").
     */
    public Duration delayBefore(int retry, RandomGenerator random) {
        long base = initial.toNanos();
        for (int i = 1; i < retry && base < max.toNanos(); i++) {
            base *= 2;
        }
        base = Math.min(base, max.toNanos());
        return Duration.ofNanos(base / 2 + (long) (random.nextDouble() * (base / 2)));
    }
}
