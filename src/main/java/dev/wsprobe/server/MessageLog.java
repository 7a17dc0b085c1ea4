package dev.wsprobe.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * One endpoint's message log under {@link MessageLogging}: decides for each message whether it gets a line of
 * its own, and sums up the others into one line per second:
 * {@code [/receive] 9980 more messages in the last 1.0 s, 518960 bytes (52 bytes each), from 10000 open connections}.
 * The summed-up line is written when the next second's first message arrives, or by {@link #flush} on a
 * timer where the host has one (the standalone server), so a burst's tail is not held back.
 * Lock-free on the message path: a clock read, an increment and, at most once a second, a compare-and-set.
 */
public final class MessageLog {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final EndpointStats endpoint;
    private final MessageLogging mode;
    private final System.Logger log;
    /** System.nanoTime, or a test's clock. */
    private final LongSupplier clock;
    private final AtomicLong windowStart;
    private final AtomicInteger linesInWindow = new AtomicInteger();
    private final LongAdder summedMessages = new LongAdder();
    private final LongAdder summedBytes = new LongAdder();
    private final LongAccumulator smallest = new LongAccumulator(Math::min, Long.MAX_VALUE);
    private final LongAccumulator largest = new LongAccumulator(Math::max, 0);
    private final AtomicBoolean hintGiven = new AtomicBoolean();

    MessageLog(EndpointStats endpoint, MessageLogging mode, System.Logger log, LongSupplier clock) {
        this.endpoint = endpoint;
        this.mode = mode;
        this.log = log;
        this.clock = clock;
        this.windowStart = new AtomicLong(clock.getAsLong());
    }

    /**
     * Whether this message gets its own line; when not, it is counted into the summed-up line.
     */
    boolean ownLine(int sizeBytes) {
        if (mode == MessageLogging.EVERY) {
            return true;
        }
        rollIfDue(clock.getAsLong());
        if (mode == MessageLogging.AUTO && linesInWindow.incrementAndGet() <= MessageLogging.LINES_PER_SECOND) {
            return true;
        }
        summedMessages.increment();
        summedBytes.add(sizeBytes);
        smallest.accumulate(sizeBytes);
        largest.accumulate(sizeBytes);
        return false;
    }

    /** Writes the summed-up line if a second has passed; for a host's once-a-second timer. */
    public void flush() {
        rollIfDue(clock.getAsLong());
    }

    private void rollIfDue(long now) {
        long start = windowStart.get();
        long elapsed = now - start;
        if (elapsed >= SECOND && windowStart.compareAndSet(start, now)) {
            linesInWindow.set(0);
            writeSummedLine(elapsed);
        }
    }

    private void writeSummedLine(long elapsedNanos) {
        long messages = summedMessages.sumThenReset();
        long bytes = summedBytes.sumThenReset();
        long min = smallest.getThenReset();
        long max = largest.getThenReset();
        if (messages == 0) {
            return;
        }
        String sizes = min == max ? min + " bytes each" : min + "-" + max + " bytes each";
        String more = mode == MessageLogging.AUTO ? " more" : "";
        String line = "[" + endpoint.path() + "] " + messages + more + " messages in the last "
                + String.format(java.util.Locale.ROOT, "%.1f", elapsedNanos / 1e9) + " s, " + bytes + " bytes ("
                + sizes + "), from " + endpoint.snapshot().openConnections() + " open connections";
        if (mode == MessageLogging.AUTO && hintGiven.compareAndSet(false, true)) {
            line += " (messages beyond " + MessageLogging.LINES_PER_SECOND + " a second are summed up like this; "
                    + "--log-messages every logs each one)";
        }
        log.log(System.Logger.Level.INFO, line);
    }
}
