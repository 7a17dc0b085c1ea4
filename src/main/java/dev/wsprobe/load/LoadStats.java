package dev.wsprobe.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What every load connection adds to, from many threads at once: counters that only grow, and round-trip
 * times in an HdrHistogram {@link Recorder} (wait-free for the recording threads; one reader takes interval
 * histograms for the live line and adds them up for the summary).
 */
public final class LoadStats {
    /** Round trips are recorded in microseconds, up to an hour, to 3 significant digits. */
    private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

    final LongAdder connected = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder sendErrors = new LongAdder();
    final LongAdder received = new LongAdder();
    /** Closed by the server or the network while we were still using the connection. */
    final LongAdder dropped = new LongAdder();
    /** Sends between their check of "still sending?" and their count: the run waits for none before it counts. */
    final java.util.concurrent.atomic.AtomicInteger sendsUnderway = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final Recorder latency = new Recorder(MAX_MICROS, 3);

    void roundTrip(long sendNanos, long nowNanos) {
        long micros = Math.max(0, (nowNanos - sendNanos) / 1000);
        latency.recordValue(Math.min(micros, MAX_MICROS));
    }

    /** Keeps the first error's words for the summary: the first is usually the cause, the rest its echo. */
    void error(String words) {
        firstError.compareAndSet(null, words);
    }

    /** Round trips recorded since the previous call; only one thread may call it (the run's clock). */
    Histogram takeInterval() {
        return latency.getIntervalHistogram();
    }

    public Counts counts() {
        return new Counts(connected.sum(), connectFailures.sum(), sent.sum(), sendErrors.sum(), received.sum(),
                dropped.sum());
    }

    public String firstError() {
        return firstError.get();
    }

    /** The counters at one moment; subtract two to get what happened between them. */
    public record Counts(long connected, long connectFailures, long sent, long sendErrors, long received,
            long dropped) {
        public Counts minus(Counts earlier) {
            return new Counts(connected - earlier.connected, connectFailures - earlier.connectFailures,
                    sent - earlier.sent, sendErrors - earlier.sendErrors, received - earlier.received,
                    dropped - earlier.dropped);
        }

        public Counts plus(Counts other) {
            return new Counts(connected + other.connected, connectFailures + other.connectFailures,
                    sent + other.sent, sendErrors + other.sendErrors, received + other.received,
                    dropped + other.dropped);
        }
    }
}
