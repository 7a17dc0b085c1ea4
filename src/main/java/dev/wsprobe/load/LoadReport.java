package dev.wsprobe.load;

import dev.wsprobe.diagnosis.Json;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The words and numbers a person or a script reads: the live line, the summary, and its JSON form. */
public final class LoadReport {
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] PERCENTILE_NAMES = {"p50", "p90", "p99", "p99.9"};

    private LoadReport() {
    }

    /** {@code 12s measuring: 10000/10000 open, 0 failed, 10012 msg/s, p50 0.8 ms, p99 3.1 ms}. */
    static String liveLine(long elapsedSeconds, String phase, LoadStats.Counts now, int asked, double messagesPerSecond,
            Histogram lastSecond) {
        StringBuilder line = new StringBuilder()
                .append(elapsedSeconds).append("s ").append(phase).append(": ")
                .append(now.connected() - now.dropped()).append('/').append(asked).append(" open, ")
                .append(now.connectFailures()).append(" failed, ")
                .append(Math.round(messagesPerSecond)).append(" msg/s");
        if (lastSecond.getTotalCount() > 0) {
            line.append(", p50 ").append(millis(lastSecond.getValueAtPercentile(50) / 1000.0))
                    .append(" ms, p99 ").append(millis(lastSecond.getValueAtPercentile(99) / 1000.0)).append(" ms");
        }
        long errors = now.sendErrors() + now.dropped();
        if (errors > 0) {
            line.append(", ").append(errors).append(" errors");
        }
        return line.toString();
    }

    /** The summary for people: a few lines, numbers first. */
    public static String text(LoadResult result) {
        LoadOptions options = result.options();
        StringBuilder out = new StringBuilder();
        out.append("summary: ").append(options.target()).append(", ").append(options.connections())
                .append(" connections, ").append(options.pipelined() ? "pipelined (" + options.inFlight()
                        + " in flight each)" : format(options.ratePerSecond()) + " msg/s each")
                .append(", ").append(options.sizeBytes()).append(" bytes").append(System.lineSeparator());
        out.append("  connected ").append(result.whole().connected()).append(", failed ")
                .append(result.whole().connectFailures()).append(", in ").append(format(result.connectSeconds()))
                .append(" s").append(System.lineSeparator());
        out.append("  sent ").append(result.whole().sent());
        if (options.echo()) {
            out.append(", received ").append(result.whole().received()).append(", missing ").append(result.missing());
        } else if (result.receiverCounted() >= 0) {
            out.append(", receiver counted ").append(result.receiverCounted());
        } else {
            out.append(", receiver count unknown (").append(result.receiverNote()).append(')');
        }
        out.append(", errors ").append(result.errors()).append(" (send ").append(result.whole().sendErrors())
                .append(", dropped ").append(result.whole().dropped()).append(')').append(System.lineSeparator());
        out.append("  throughput ").append(Math.round(result.throughput())).append(" msg/s over ")
                .append(format(result.measuredSeconds())).append(" s measured")
                .append(result.stoppedEarly() ? " (stopped early)" : "").append(System.lineSeparator());
        if (options.echo()) {
            out.append("  round trip ms:");
            for (int i = 0; i < PERCENTILES.length; i++) {
                out.append(' ').append(PERCENTILE_NAMES[i]).append(' ').append(millis(result.latencyMillis(PERCENTILES[i])));
            }
            out.append(" max ").append(millis(result.maxLatencyMillis())).append(" (")
                    .append(result.latency().getTotalCount()).append(" round trips)").append(System.lineSeparator());
        }
        if (result.firstError() != null) {
            out.append("  first error: ").append(result.firstError()).append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The summary as one JSON object on one line, for scripts. Latencies in milliseconds; null when unmeasured. */
    public static String json(LoadResult result) {
        LoadOptions options = result.options();
        StringBuilder json = new StringBuilder("{");
        field(json, "target", Json.string(options.target().toString()));
        field(json, "mode", Json.string(options.echo() ? "echo" : "receiver"));
        field(json, "connections", options.connections());
        field(json, "ratePerConnection", options.pipelined() ? "null" : format(options.ratePerSecond()));
        field(json, "inFlight", options.pipelined() ? Integer.toString(options.inFlight()) : "null");
        field(json, "sizeBytes", options.sizeBytes());
        field(json, "connected", result.whole().connected());
        field(json, "connectFailures", result.whole().connectFailures());
        field(json, "connectSeconds", format(result.connectSeconds()));
        field(json, "measuredSeconds", format(result.measuredSeconds()));
        field(json, "sent", result.whole().sent());
        field(json, "received", result.whole().received());
        field(json, "missing", result.missing());
        field(json, "receiverCounted", result.receiverCounted() >= 0 ? Long.toString(result.receiverCounted()) : "null");
        field(json, "sendErrors", result.whole().sendErrors());
        field(json, "dropped", result.whole().dropped());
        field(json, "errors", result.errors());
        field(json, "throughput", format(result.throughput()));
        json.append("\"latencyMs\":{");
        for (int i = 0; i < PERCENTILES.length; i++) {
            field(json, PERCENTILE_NAMES[i], number(result.latencyMillis(PERCENTILES[i])));
        }
        field(json, "max", number(result.maxLatencyMillis()));
        json.append("\"count\":").append(result.latency().getTotalCount()).append("},");
        LoadPhases phases = result.phases();
        json.append("\"phasesEpochMs\":{");
        field(json, "start", phases.startEpochMs());
        field(json, "connected", phases.connectedEpochMs());
        field(json, "measureStart", phases.measureStartEpochMs());
        json.append("\"measureEnd\":").append(phases.measureEndEpochMs()).append("},");
        field(json, "stoppedEarly", result.stoppedEarly());
        json.append("\"firstError\":").append(Json.string(result.firstError())).append('}');
        return json.toString();
    }

    private static void field(StringBuilder json, String name, Object value) {
        json.append('"').append(name).append("\":").append(value).append(',');
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "null" : format(value);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : format(value);
    }

    /** Three significant-ish digits without exponent: 0.123, 4.56, 78.9, 1234. */
    static String format(double value) {
        if (value >= 100 || value == Math.rint(value) && Math.abs(value) < 1e15) {
            return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.2f" : "%.3f", value);
    }
}
