package dev.wsprobe.load;

import java.time.Instant;

/**
 * One load run as a histogram log file holds it ({@link HistogramLogFile}).
 *
 * @param source      where it was read from (the file name), for messages
 * @param host        the machine that ran it, as it named itself
 * @param written     when the file was written, on that machine's clock
 * @param startAt     the {@code --start-at} it was given, or null
 * @param result      the run's result; its latency histogram's start and end time stamps are the measured window
 *                    on the writer's wall clock
 */
public record RecordedRun(String source, String host, Instant written, Instant startAt, LoadResult result) {

    public Instant windowStart() {
        return Instant.ofEpochMilli(result.latency().getStartTimeStamp());
    }

    public Instant windowEnd() {
        return Instant.ofEpochMilli(result.latency().getEndTimeStamp());
    }
}
