package dev.wsprobe.load;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured.
 *
 * @param options          what was asked
 * @param whole            counters over the whole run (connect, warm-up, measured time and the final drain)
 * @param measured         counters over the measured time only
 * @param connectSeconds   from the first connection attempt until every attempt had opened or failed
 * @param measuredSeconds  the measured time as it really passed
 * @param latency          round trips (microseconds) of echoes that arrived in the measured time; empty for a
 *                         receiver
 * @param missing          echo: messages sent but never answered, even after the final drain
 * @param receiverCounted  receiver: messages the server counted during the whole run, -1 when unknown
 * @param receiverMeasured receiver: messages the server counted during the measured time, -1 when unknown
 * @param receiverNote     why the receiver's count is unknown, or null
 * @param firstError       the first error's words, or null
 * @param stoppedEarly     Ctrl-C ended the measured time before its end
 * @param phases           when the phases began, for measurements taken outside this process
 */
public record LoadResult(LoadOptions options, LoadStats.Counts whole, LoadStats.Counts measured,
        double connectSeconds, double measuredSeconds, Histogram latency, long missing, long receiverCounted,
        long receiverMeasured, String receiverNote, String firstError, boolean stoppedEarly, LoadPhases phases) {

    /** Everything that went wrong: failed connects, failed sends, connections dropped, echoes that never came. */
    public long errors() {
        return whole.connectFailures() + whole.sendErrors() + whole.dropped() + missing;
    }

    /**
     * Messages per second in the measured time: echoes received for an echo target; for a receiver what the
     * server counted (what it really processed), or what was sent when its count is unknown.
     */
    public double throughput() {
        long messages = options.echo() ? measured.received()
                : receiverMeasured >= 0 ? receiverMeasured : measured.sent();
        return measuredSeconds > 0 ? messages / measuredSeconds : 0;
    }

    /** A percentile of the round trips in milliseconds, or NaN when none was measured. */
    public double latencyMillis(double percentile) {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxLatencyMillis() {
        return latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
    }
}
