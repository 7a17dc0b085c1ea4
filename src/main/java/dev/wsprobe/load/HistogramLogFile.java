package dev.wsprobe.load;

import dev.wsprobe.diagnosis.Failures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;

/**
 * {@code load --histogram-out FILE}: a run's round trips in HdrHistogram's own log format (one interval: the
 * measured window, values in microseconds), so HdrHistogram's tools read it too, and the run's settings and
 * totals in comment lines {@code #wsprobe KEY=VALUE} that {@link HistogramLogReader} skips
 * ({@link RunFields} names them). {@code load merge} reads any number of these files back.
 */
public final class HistogramLogFile {
    /** A log of one run is a few kilobytes; this bounds what merge reads into memory from a wrong file. */
    private static final long MAX_BYTES = 16L * 1024 * 1024;
    /** HdrHistogram's default: microsecond values, so Interval_Max reads in seconds. */
    private static final double MAX_VALUE_UNIT_RATIO = 1_000_000.0;

    private HistogramLogFile() {
    }

    /**
     * Writes the file whole or not at all (into a temporary file next to it, then moved), so whoever copies it
     * after the run never sees half of it.
     */
    public static void write(Path file, LoadResult result, StartAt startAt, String host, Instant written)
            throws IOException {
        Histogram latency = result.latency();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            HistogramLogWriter log = new HistogramLogWriter(out);
            log.outputComment("[wsprobe load: round trips of the measured window in microseconds; the run's "
                    + "totals below; read with: wsprobe load merge FILE...]");
            for (Map.Entry<String, String> field : RunFields.of(result, startAt, host, written).entrySet()) {
                log.outputComment(RunFields.PREFIX + field.getKey() + "=" + field.getValue());
            }
            log.outputLogFormatVersion();
            log.outputStartTime(latency.getStartTimeStamp());
            log.setBaseTime(latency.getStartTimeStamp());
            log.outputBaseTime(latency.getStartTimeStamp());
            log.outputLegend();
            log.outputIntervalHistogram((latency.getStartTimeStamp() - log.getBaseTime()) / 1000.0,
                    (latency.getEndTimeStamp() - latency.getStartTimeStamp()) / 1000.0, latency,
                    MAX_VALUE_UNIT_RATIO);
        }
        Path absolute = file.toAbsolutePath();
        Path partial = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".partial");
        try {
            Files.write(partial, bytes.toByteArray());
            try {
                Files.move(partial, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Reads one file back.
     *
     * @throws IllegalArgumentException a message that starts with the file's name and says what is wrong with it
     */
    public static RecordedRun read(Path file) {
        String name = file.toString();
        String text = readText(file, name);
        if (text.isBlank()) {
            throw new IllegalArgumentException(name + ": the file is empty (load --histogram-out writes it when "
                    + "the run ends)");
        }
        Map<String, String> fields = RunFields.comments(text);
        Histogram latency = histograms(text, name, !fields.isEmpty());
        if (fields.isEmpty()) {
            throw new IllegalArgumentException(name + ": a histogram log without wsprobe's totals (no '"
                    + "#wsprobe KEY=VALUE' lines): not written by wsprobe load --histogram-out");
        }
        return RunFields.parse(fields, name, latency);
    }

    private static String readText(Path file, String name) {
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(name + ": a directory, not a histogram log file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(name + ": larger than " + MAX_BYTES / (1024 * 1024)
                        + " MiB: not a histogram log of load --histogram-out");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(name + ": cannot be read (permission denied)", e);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(name + ": not a histogram log (not text)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot be read: " + Failures.summary(e), e);
        }
    }

    /** Every interval histogram in the log, added up; every line that is not a comment must be one. */
    private static Histogram histograms(String text, String name, boolean fromWsprobe) {
        long dataLines = text.lines().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#") && !isLegend(line)).count();
        Histogram total = new Histogram(3);
        int read = 0;
        try (HistogramLogReader log = new HistogramLogReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            for (EncodableHistogram interval = log.nextIntervalHistogram(); interval != null;
                    interval = log.nextIntervalHistogram()) {
                if (!(interval instanceof Histogram histogram)) {
                    throw new IllegalArgumentException(name + ": holds a floating-point (Double) histogram; "
                            + "load --histogram-out writes integer microseconds");
                }
                total.add(histogram);
                read++;
            }
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(name + ": not a histogram log: a line does not decode as an "
                    + "HdrHistogram interval (" + Failures.summary(e) + ")", e);
        }
        if (read == 0 || read != dataLines) {
            throw new IllegalArgumentException(name + ": not a histogram log: " + (read == 0
                    ? "no interval histogram in it" : (dataLines - read) + " lines are neither comments nor "
                    + "histograms") + (fromWsprobe ? " (a damaged copy?)" : ""));
        }
        return total;
    }

    private static boolean isLegend(String line) {
        return line.startsWith("\"StartTimestamp\"") || line.startsWith("StartTime,");
    }

    /**
     * The machine's name as it calls itself (the pod's name on Kubernetes), without a DNS lookup where the
     * system can say: {@code HOSTNAME}, then the kernel's, then Java's.
     */
    public static String localHostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException unknown) {
                return "unknown";
            }
        }
    }
}
