package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramLogFileTest {
    private static final Instant START = Instant.parse("2026-12-02T10:00:00.250Z");
    private static final Instant WRITTEN = Instant.parse("2026-12-02T10:00:09Z");

    @TempDir
    Path files;

    @Test
    void aWrittenRunReadsBackWithItsSettingsCountsWindowAndRoundTrips() throws Exception {
        LoadResult run = RecordedRuns.echo(40, START, 3.5, 800, 1200, 1200, 45_000, 3_600_000_000L);
        Path file = files.resolve("run.hlog");
        HistogramLogFile.write(file, run, new StartAt(START.minusMillis(250)), "worker-1", WRITTEN);

        RecordedRun back = HistogramLogFile.read(file);
        assertEquals(file.toString(), back.source());
        assertEquals("worker-1", back.host());
        assertEquals(WRITTEN, back.written());
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), back.startAt());
        assertEquals(START, back.windowStart());
        assertEquals(START.plusMillis(3500), back.windowEnd());
        assertEquals(run.options(), back.result().options());
        assertEquals(run.whole(), back.result().whole());
        assertEquals(run.measured(), back.result().measured());
        assertEquals(run.connectSeconds(), back.result().connectSeconds());
        assertEquals(run.measuredSeconds(), back.result().measuredSeconds());
        assertEquals(run.missing(), back.result().missing());
        assertEquals(run.errors(), back.result().errors());
        assertEquals(run.receiverNote(), back.result().receiverNote());
        assertEquals("connect failed: Connection refused second line", back.result().firstError(),
                "one line per field: a line break in an error becomes a space");
        assertEquals(run.latency(), back.result().latency(), "every recorded value's count, at HdrHistogram's precision");
        assertEquals(LoadReport.text(run).replace("\nsecond line", " second line"), LoadReport.text(back.result()),
                "the summary load printed, printed again from the file");
    }

    @Test
    void theFileIsHdrHistogramsOwnLogWithTheTotalsInCommentsItsReaderSkips() throws Exception {
        LoadResult run = RecordedRuns.echo(3, START, 2, 500, 700);
        Path file = files.resolve("run.hlog");
        HistogramLogFile.write(file, run, null, "worker-2", WRITTEN);

        List<String> lines = Files.readAllLines(file);
        assertTrue(lines.contains("#wsprobe sent=5") && lines.contains("#wsprobe received=4")
                && lines.contains("#wsprobe connected=3") && lines.contains("#wsprobe errors=5")
                && lines.contains("#wsprobe windowStart=2026-12-02T10:00:00.250Z")
                && lines.contains("#wsprobe windowEnd=2026-12-02T10:00:02.250Z")
                && lines.contains("#wsprobe host=worker-2"), String.join("\n", lines));
        assertFalse(lines.stream().anyMatch(line -> line.startsWith("#wsprobe startAt=")), "no --start-at given");
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile())) {
            EncodableHistogram interval = reader.nextIntervalHistogram();
            assertEquals(run.latency(), interval, "HdrHistogram's own reader finds the round trips");
            assertEquals(START.toEpochMilli(), interval.getStartTimeStamp());
            assertEquals(START.plusSeconds(2).toEpochMilli(), interval.getEndTimeStamp());
            assertEquals(null, reader.nextIntervalHistogram(), "one interval: the measured window");
        }
        assertEquals(List.of(), Files.list(files).filter(path -> !path.equals(file)).collect(Collectors.toList()),
                "no temporary file left behind");
    }

    @Test
    void aMissingFileIsNamed() {
        assertEquals(files.resolve("nope.hlog") + ": no such file", error(files.resolve("nope.hlog")));
    }

    @Test
    void anEmptyFileIsNamed() throws Exception {
        Path empty = Files.writeString(files.resolve("empty.hlog"), "");
        assertEquals(empty + ": the file is empty (load --histogram-out writes it when the run ends)", error(empty));
    }

    @Test
    void aFileOfOtherTextIsNotAHistogramLog() throws Exception {
        Path text = Files.writeString(files.resolve("notes.txt"), "summary: ws://127.0.0.1/echo\n  sent 5\n");
        assertTrue(error(text).startsWith(text + ": not a histogram log"), error(text));
    }

    @Test
    void aDirectoryIsNamed() {
        assertEquals(files + ": a directory, not a histogram log file", error(files));
    }

    @Test
    void aHistogramLogOfAnotherToolLacksTheTotals() throws Exception {
        Path other = files.resolve("other.hlog");
        try (PrintStream out = new PrintStream(Files.newOutputStream(other), true, StandardCharsets.UTF_8)) {
            HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputLogFormatVersion();
            writer.outputLegend();
            Histogram histogram = new Histogram(3);
            histogram.recordValue(42);
            writer.outputIntervalHistogram(0, 1, histogram);
        }
        assertEquals(other + ": a histogram log without wsprobe's totals (no '#wsprobe KEY=VALUE' lines): not "
                + "written by wsprobe load --histogram-out", error(other));
    }

    @Test
    void aDamagedHistogramLineIsNamed() throws Exception {
        Path file = files.resolve("damaged.hlog");
        HistogramLogFile.write(file, RecordedRuns.echo(3, START, 2, 500, 700), null, "w", WRITTEN);
        String text = Files.readString(file);
        int cut = text.lastIndexOf("HISTF") + 12;
        Files.writeString(file, text.substring(0, cut) + "@@@" + text.substring(cut + 3));
        assertTrue(error(file).startsWith(file + ": not a histogram log"), error(file));
    }

    @Test
    void aMissingTotalIsNamed() throws Exception {
        Path file = files.resolve("cut.hlog");
        HistogramLogFile.write(file, RecordedRuns.echo(3, START, 2, 500, 700), null, "w", WRITTEN);
        Files.writeString(file, Files.readString(file).replace("#wsprobe sent=5\n", ""));
        assertEquals(file + ": no '#wsprobe sent=' line (a damaged copy of a load --histogram-out file?)", error(file));
    }

    @Test
    void aMalformedTotalIsNamed() throws Exception {
        Path file = files.resolve("bad.hlog");
        HistogramLogFile.write(file, RecordedRuns.echo(3, START, 2, 500, 700), null, "w", WRITTEN);
        Files.writeString(file, Files.readString(file).replace("#wsprobe sent=5", "#wsprobe sent=five"));
        assertEquals(file + ": '#wsprobe sent=five' is not a valid sent", error(file));
    }

    private static String error(Path file) {
        return assertThrows(IllegalArgumentException.class, () -> HistogramLogFile.read(file)).getMessage();
    }
}
