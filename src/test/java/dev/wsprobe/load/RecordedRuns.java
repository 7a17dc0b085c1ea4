package dev.wsprobe.load;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.HdrHistogram.Histogram;

/** Load results with chosen numbers, as a run would have produced them, for the log file and merge tests. */
final class RecordedRuns {
    private RecordedRuns() {
    }

    /** An echo run of {@code connections} connections measured from {@code start} for {@code seconds}. */
    static LoadResult echo(int connections, Instant start, double seconds, long... roundTripMicros) {
        Histogram latency = new Histogram(3);
        for (long micros : roundTripMicros) {
            latency.recordValue(micros);
        }
        latency.setStartTimeStamp(start.toEpochMilli());
        latency.setEndTimeStamp(start.plusMillis((long) (seconds * 1000)).toEpochMilli());
        LoadOptions options = new LoadOptions(URI.create("ws://127.0.0.1:12345/echo"), connections, 250, 2.5, 16,
                Duration.ofSeconds(1), Duration.ofMillis((long) (seconds * 1000)), 64, Duration.ofSeconds(7),
                LoadOptions.Mode.ECHO);
        long sent = roundTripMicros.length + 3L;
        return new LoadResult(options, new LoadStats.Counts(connections, 1, sent, 2, sent - 1, 1),
                new LoadStats.Counts(0, 0, roundTripMicros.length, 0, roundTripMicros.length, 0), 0.75, seconds,
                latency, 1, -1, -1, "no status", "connect failed: Connection refused\nsecond line", false,
                new LoadPhases(latency.getStartTimeStamp() - 2000, latency.getStartTimeStamp() - 1000,
                        latency.getStartTimeStamp(), latency.getEndTimeStamp()));
    }

    static RecordedRun recorded(String source, LoadResult result) {
        return new RecordedRun(source, "host-" + source, Instant.parse("2026-12-02T10:05:00Z"), null, result);
    }
}
