package dev.wsprobe.server;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One kind of log line that a client can cause as often as it likes (a request for a wrong path, plain HTTP
 * on the TLS port): at most one line per interval, the next one saying how many were left out in between, so
 * an operator sees what clients get wrong without a flood filling the disk.
 */
public final class RateLimitedLog {
    private final System.Logger log;
    private final System.Logger.Level level;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong nextLineAt;
    private final AtomicLong leftOut = new AtomicLong();

    public RateLimitedLog(System.Logger log, System.Logger.Level level, java.time.Duration interval) {
        this(log, level, interval, System::nanoTime);
    }

    RateLimitedLog(System.Logger log, System.Logger.Level level, java.time.Duration interval, LongSupplier clock) {
        this.log = log;
        this.level = level;
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.nextLineAt = new AtomicLong(clock.getAsLong());
    }

    /** Logs {@code line} unless a line went out less than the interval ago; then counts it as left out. */
    public void log(Supplier<String> line) {
        long now = clock.getAsLong();
        long due = nextLineAt.get();
        if (now - due >= 0 && nextLineAt.compareAndSet(due, now + intervalNanos)) {
            long skipped = leftOut.getAndSet(0);
            log.log(level, line.get() + (skipped == 0 ? "" : " (" + skipped + " more like it since the last such line "
                    + "not shown)"));
        } else {
            leftOut.incrementAndGet();
        }
    }
}
