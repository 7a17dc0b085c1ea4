package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.StrictJson;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JarServer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load from several generators, merged: three {@code load} processes from their own loopback addresses against
 * one server, each writing its histogram log, then {@code load merge} of the three, as the jar runs them.
 * Small and bounded: 10 connections each at 20 messages a second for 2 s.
 */
class LoadMergeIT {
    private static final List<String> COUNTS = List.of("connected", "connectFailures", "sent", "sendErrors",
            "received", "dropped", "missing", "errors");

    @TempDir
    Path files;

    @Test
    void threeGeneratorsMergeIntoTheSumOfTheirCountsAndThePercentilesOfAllTheirRoundTrips() throws Exception {
        try (JarServer server = JarServer.launch("the echo server", Map.of()).awaitReady()) {
            // ahead of three JVMs starting at once on a busy machine; a late one only starts measuring late
            String start = Instant.now().plusSeconds(15).truncatedTo(ChronoUnit.SECONDS).toString();
            List<Path> logs = new ArrayList<>();
            List<JarProcess> loads = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Path log = files.resolve("load-" + i + ".hlog");
                    logs.add(log);
                    loads.add(JarProcess.start("load", "--connections", "10", "--rate", "20", "--duration", "2s",
                            "--start-at", start, "--source-address", "127.0.0." + (i + 2), "--histogram-out",
                            log.toString(), "ws://127.0.0.1:" + server.port() + "/echo"));
                }
                for (JarProcess load : loads) {
                    assertEquals(0, load.exitCode(), load.stdout() + load.stderr());
                }
            } finally {
                for (JarProcess load : loads) {
                    load.close();
                }
            }
            String serverLog = server.process.stdout() + server.process.stderr();
            for (int i = 0; i < 3; i++) {
                assertTrue(java.util.regex.Pattern.compile("\\[/echo #\\d+ 127\\.0\\.0\\." + (i + 2) + "]")
                        .matcher(serverLog).find(), "connections from 127.0.0." + (i + 2) + " in the server's log");
            }

            // what the three files hold, read with HdrHistogram's own reader and the files' total lines
            Histogram union = new Histogram(3);
            Map<String, Long> sums = new HashMap<>();
            for (Path log : logs) {
                try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
                    for (EncodableHistogram interval = reader.nextIntervalHistogram(); interval != null;
                            interval = reader.nextIntervalHistogram()) {
                        union.add((Histogram) interval);
                    }
                }
                for (String line : Files.readAllLines(log)) {
                    for (String count : COUNTS) {
                        if (line.startsWith("#wsprobe " + count + "=")) {
                            sums.merge(count, Long.parseLong(line.substring(line.indexOf('=') + 1)), Long::sum);
                        }
                    }
                }
            }
            assertEquals(COUNTS.size(), sums.size(), "every count in the files: " + sums);
            assertEquals(30, sums.get("connected"));
            assertTrue(union.getTotalCount() > 0, "round trips measured");

            List<String> merge = new ArrayList<>(List.of("load", "merge", "--json"));
            logs.forEach(log -> merge.add(log.toString()));
            try (JarProcess merged = JarProcess.start(merge.toArray(String[]::new))) {
                assertEquals(0, merged.exitCode(), merged.stdout() + merged.stderr());
                @SuppressWarnings("unchecked")
                Map<String, Object> json = (Map<String, Object>) StrictJson.parse(merged.stdout().trim());
                for (String count : COUNTS) {
                    assertEquals(sums.get(count), number(json, count).longValueExact(), count + ": " + json);
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> latency = (Map<String, Object>) json.get("latencyMs");
                assertEquals(union.getTotalCount(), number(latency, "count").longValueExact());
                for (double percentile : new double[] {50, 99}) {
                    String name = percentile == 50 ? "p50" : "p99";
                    assertEquals(LoadReport.format(union.getValueAtPercentile(percentile) / 1000.0),
                            number(latency, name).toPlainString(), name + " of the three histograms together");
                }
                assertEquals(30L, number(json, "connections").longValueExact());
                assertTrue(json.get("windowsOverlap") instanceof Boolean, "windowsOverlap: " + json);
                assertEquals(3, ((List<?>) json.get("runs")).size(), json.toString());
            }
            merge.remove("--json");
            try (JarProcess merged = JarProcess.start(merge.toArray(String[]::new))) {
                assertEquals(0, merged.exitCode(), merged.stdout() + merged.stderr());
                assertTrue(merged.stdout().contains("  sent " + sums.get("sent") + ", received " + sums.get("received")
                        + ", missing 0, errors 0 (send 0, dropped 0)"), merged.stdout());
                assertTrue(merged.stdout().contains("p99 " + LoadReport.format(union.getValueAtPercentile(99) / 1000.0)
                        + " "), merged.stdout());
            }
        }
    }

    @Test
    void aStartInThePastIsAUsageErrorAndAMissingFileASetupError() throws Exception {
        try (JarProcess load = JarProcess.start("load", "--start-at", "2020-01-01T00:00:00Z", "ws://127.0.0.1:1/echo")) {
            assertEquals(2, load.exitCode(), load.stdout() + load.stderr());
            assertEquals(1, load.stderrLines().size(), load.stderr());
            assertTrue(load.stderr().startsWith("wsprobe: --start-at 2020-01-01T00:00:00Z is in the past (now is "),
                    load.stderr());
        }
        Path missing = files.resolve("missing.hlog");
        try (JarProcess merge = JarProcess.start("load", "merge", missing.toString())) {
            assertEquals(3, merge.exitCode(), merge.stdout() + merge.stderr());
            assertEquals(List.of("wsprobe: " + missing + ": no such file"), merge.stderrLines());
        }
    }

    private static BigDecimal number(Map<String, Object> json, String name) {
        Object value = json.get(name);
        assertTrue(value instanceof BigDecimal, name + " is a number: " + json);
        return (BigDecimal) value;
    }
}
