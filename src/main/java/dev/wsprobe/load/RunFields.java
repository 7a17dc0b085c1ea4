package dev.wsprobe.load;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * A run's settings and totals as the {@code #wsprobe KEY=VALUE} lines of a histogram log, and back. The keys:
 * {@code format} (1), {@code host}, {@code written} and the window's {@code windowStart}/{@code windowEnd}
 * (instants on the writer's wall clock), {@code startAt}, the settings ({@code target}, {@code mode},
 * {@code connections}, {@code ramp}, {@code rate} (0 = max), {@code inFlight}, {@code warmup},
 * {@code duration}, {@code sizeBytes}, {@code handshakeTimeout}), the whole run's counts ({@code connected},
 * {@code connectFailures}, {@code sent}, {@code sendErrors}, {@code received}, {@code dropped}), the measured
 * window's ({@code measured.} and the same names), {@code missing}, {@code errors} (for people; derived),
 * {@code connectSeconds}, {@code measuredSeconds}, {@code receiverCounted}/{@code receiverMeasured} (-1 when
 * unknown), {@code receiverNote}, {@code stoppedEarly}, {@code firstError}, {@code phasesEpochMs} (start,
 * connected, measure start, measure end: {@code load --json}'s).
 */
final class RunFields {
    static final String PREFIX = "wsprobe ";
    private static final String COMMENT = "#" + PREFIX;
    private static final String FORMAT = "1";

    private RunFields() {
    }

    static Map<String, String> of(LoadResult result, StartAt startAt, String host, Instant written) {
        LoadOptions options = result.options();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("format", FORMAT);
        fields.put("host", oneLine(host));
        fields.put("written", written.toString());
        fields.put("windowStart", Instant.ofEpochMilli(result.latency().getStartTimeStamp()).toString());
        fields.put("windowEnd", Instant.ofEpochMilli(result.latency().getEndTimeStamp()).toString());
        if (startAt != null) {
            fields.put("startAt", startAt.at().toString());
        }
        fields.put("target", options.target().toString());
        fields.put("mode", options.echo() ? "echo" : "receiver");
        fields.put("connections", Integer.toString(options.connections()));
        fields.put("ramp", Double.toString(options.rampPerSecond()));
        fields.put("rate", Double.toString(options.ratePerSecond()));
        fields.put("inFlight", Integer.toString(options.inFlight()));
        fields.put("warmup", options.warmup().toString());
        fields.put("duration", options.duration().toString());
        fields.put("sizeBytes", Integer.toString(options.sizeBytes()));
        fields.put("handshakeTimeout", options.handshakeTimeout().toString());
        counts(fields, "", result.whole());
        counts(fields, "measured.", result.measured());
        fields.put("missing", Long.toString(result.missing()));
        fields.put("errors", Long.toString(result.errors()));
        fields.put("connectSeconds", Double.toString(result.connectSeconds()));
        fields.put("measuredSeconds", Double.toString(result.measuredSeconds()));
        fields.put("receiverCounted", Long.toString(result.receiverCounted()));
        fields.put("receiverMeasured", Long.toString(result.receiverMeasured()));
        if (result.receiverNote() != null) {
            fields.put("receiverNote", oneLine(result.receiverNote()));
        }
        fields.put("stoppedEarly", Boolean.toString(result.stoppedEarly()));
        LoadPhases phases = result.phases();
        fields.put("phasesEpochMs", phases.startEpochMs() + "," + phases.connectedEpochMs() + ","
                + phases.measureStartEpochMs() + "," + phases.measureEndEpochMs());
        if (result.firstError() != null) {
            fields.put("firstError", oneLine(result.firstError()));
        }
        return fields;
    }

    private static void counts(Map<String, String> fields, String prefix, LoadStats.Counts counts) {
        fields.put(prefix + "connected", Long.toString(counts.connected()));
        fields.put(prefix + "connectFailures", Long.toString(counts.connectFailures()));
        fields.put(prefix + "sent", Long.toString(counts.sent()));
        fields.put(prefix + "sendErrors", Long.toString(counts.sendErrors()));
        fields.put(prefix + "received", Long.toString(counts.received()));
        fields.put(prefix + "dropped", Long.toString(counts.dropped()));
    }

    /** The {@code #wsprobe KEY=VALUE} lines of a log's text; empty when it has none. */
    static Map<String, String> comments(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        text.lines().filter(line -> line.startsWith(COMMENT)).forEach(line -> {
            int equals = line.indexOf('=');
            if (equals > COMMENT.length()) {
                fields.putIfAbsent(line.substring(COMMENT.length(), equals).strip(), line.substring(equals + 1));
            }
        });
        return fields;
    }

    static RecordedRun parse(Map<String, String> fields, String name, Histogram latency) {
        Reader read = new Reader(fields, name);
        if (!FORMAT.equals(read.text("format"))) {
            throw new IllegalArgumentException(name + ": format " + read.text("format") + " of wsprobe's histogram "
                    + "log; this wsprobe reads format " + FORMAT + " (a newer wsprobe wrote it?)");
        }
        LoadOptions options;
        try {
            options = new LoadOptions(read.value("target", URI::create), (int) read.number("connections"),
                    read.decimal("ramp"), read.decimal("rate"), (int) read.number("inFlight"),
                    read.value("warmup", Duration::parse), read.value("duration", Duration::parse),
                    (int) read.number("sizeBytes"), read.value("handshakeTimeout", Duration::parse),
                    LoadOptions.Mode.parse(read.text("mode")));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": settings wsprobe load would not take: " + e.getMessage(), e);
        }
        latency.setStartTimeStamp(read.value("windowStart", Instant::parse).toEpochMilli());
        latency.setEndTimeStamp(read.value("windowEnd", Instant::parse).toEpochMilli());
        LoadResult result = new LoadResult(options, read.counts(""), read.counts("measured."),
                read.decimal("connectSeconds"), read.decimal("measuredSeconds"), latency, read.number("missing"),
                read.number("receiverCounted"), read.number("receiverMeasured"), fields.get("receiverNote"),
                fields.get("firstError"), Boolean.parseBoolean(read.text("stoppedEarly")),
                read.value("phasesEpochMs", RunFields::phases));
        String startAt = fields.get("startAt");
        return new RecordedRun(name, read.text("host"), read.value("written", Instant::parse),
                startAt == null ? null : read.value("startAt", Instant::parse), result);
    }

    private static LoadPhases phases(String text) {
        String[] epochMs = text.split(",", -1);
        if (epochMs.length != 4) {
            throw new IllegalArgumentException("four instants");
        }
        return new LoadPhases(Long.parseLong(epochMs[0].strip()), Long.parseLong(epochMs[1].strip()),
                Long.parseLong(epochMs[2].strip()), Long.parseLong(epochMs[3].strip()));
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n]+", " ");
    }

    /** Required fields, each a clear error naming the file when missing or malformed. */
    private record Reader(Map<String, String> fields, String name) {
        String text(String key) {
            String value = fields.get(key);
            if (value == null) {
                throw new IllegalArgumentException(name + ": no '#wsprobe " + key + "=' line (a damaged copy of "
                        + "a load --histogram-out file?)");
            }
            return value.strip();
        }

        <T> T value(String key, java.util.function.Function<String, T> parser) {
            String text = text(key);
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + ": '#wsprobe " + key + "=" + text + "' is not a valid "
                        + key, e);
            }
        }

        long number(String key) {
            return value(key, Long::parseLong);
        }

        double decimal(String key) {
            return value(key, Double::parseDouble);
        }

        LoadStats.Counts counts(String prefix) {
            return new LoadStats.Counts(number(prefix + "connected"), number(prefix + "connectFailures"),
                    number(prefix + "sent"), number(prefix + "sendErrors"), number(prefix + "received"),
                    number(prefix + "dropped"));
        }
    }
}
