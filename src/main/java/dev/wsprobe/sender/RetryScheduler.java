package dev.wsprobe.sender;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A sender's retries: counts the failures since the last connection that opened, asks the {@link RetryPolicy}
 * whether and when to try again, and keeps the scheduled attempt so that stopping the sender can cancel it.
 */
final class RetryScheduler {
    private final RetryPolicy policy;
    private final ScheduledExecutorService scheduler;
    private final Random jitter = new Random();
    private int consecutiveFailures;
    private ScheduledFuture<?> pending;

    RetryScheduler(RetryPolicy policy, ScheduledExecutorService scheduler) {
        this.policy = policy;
        this.scheduler = scheduler;
    }

    /** A connection opened: the next failure is the first again. */
    synchronized void connected() {
        consecutiveFailures = 0;
    }

    /** Counts a failure; its number among the failures since the last connection that opened. */
    synchronized int failed() {
        return ++consecutiveFailures;
    }

    /** How long to wait before retry number {@code retry}; null when the policy gives up. */
    Duration delayBefore(int retry, boolean transientFailure) {
        if (!policy.retries(transientFailure) || !policy.allows(retry)) {
            return null;
        }
        return policy.delayBefore(retry, jitter);
    }

    synchronized void schedule(Runnable attempt, Duration delay) {
        pending = scheduler.schedule(attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    synchronized void cancel() {
        if (pending != null) {
            pending.cancel(false);
        }
    }
}
