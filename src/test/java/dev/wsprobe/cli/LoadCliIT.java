package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.JarProcess;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `wsprobe load` and the busy server's log, as processes a user runs; small and bounded (seconds, dozens). */
class LoadCliIT {
    private static final Pattern PORT = Pattern.compile("listening on ws://\\S+:(\\d+)/");

    private static int port(JarProcess server) throws InterruptedException {
        Matcher match = PORT.matcher(server.awaitLine(line -> line.contains("new: ready, listening on"), "ready"));
        assertTrue(match.find());
        return Integer.parseInt(match.group(1));
    }

    @Test
    void loadAgainstAnEchoServerPrintsLiveLinesAndAJsonSummaryAndExitsZero() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0")) {
            int port = port(server);
            try (JarProcess load = JarProcess.start("load", "--json", "--connections", "10", "--rate", "5",
                    "--duration", "2s", "ws://127.0.0.1:" + port + "/echo")) {
                assertEquals(0, load.exitCode(), load.stdout() + load.stderr());
                String json = load.stdout().trim();
                assertTrue(json.startsWith("{\"target\":\"ws://127.0.0.1:" + port + "/echo\",\"mode\":\"echo\","
                        + "\"connections\":10,"), json);
                assertTrue(json.contains("\"connected\":10,\"connectFailures\":0,"), json);
                assertTrue(json.contains("\"missing\":0,") && json.contains("\"errors\":0,"), json);
                assertTrue(json.matches(".*\"latencyMs\":\\{\"p50\":[0-9.]+,\"p90\":[0-9.]+,\"p99\":[0-9.]+,"
                        + "\"p99.9\":[0-9.]+,\"max\":[0-9.]+,\"count\":[1-9][0-9]*}.*"), json);
                Matcher phases = Pattern.compile("\"phasesEpochMs\":\\{\"start\":(\\d+),\"connected\":(\\d+),"
                        + "\"measureStart\":(\\d+),\"measureEnd\":(\\d+)}").matcher(json);
                assertTrue(phases.find(), json);
                long start = Long.parseLong(phases.group(1));
                long measureStart = Long.parseLong(phases.group(3));
                long measureEnd = Long.parseLong(phases.group(4));
                assertTrue(start <= Long.parseLong(phases.group(2)) && Long.parseLong(phases.group(2)) <= measureStart,
                        "phases in order: " + json);
                // wall-clock times (what /proc samples are cut with), so a few ms off the 2 s measured by nanoTime
                assertTrue(measureEnd - measureStart >= 1_990 && measureEnd <= System.currentTimeMillis(),
                        "the measured time's ends, 2 s apart: " + json);
                assertTrue(load.stderrLines().stream().anyMatch(line -> line.matches("\\d+s \\w+: \\d+/10 open, 0 failed, "
                        + "\\d+ msg/s.*")), "live lines on stderr with --json: " + load.stderr());
            }
        }
    }

    @Test
    void aBusyServerSumsUpMessageLinesBeyondTwentyASecond() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0")) {
            int port = port(server);
            try (JarProcess load = JarProcess.start("load", "--connections", "10", "--rate", "20", "--duration",
                    "2s", "ws://127.0.0.1:" + port + "/receive")) {
                assertEquals(0, load.exitCode(), load.stdout() + load.stderr());
                Matcher counts = Pattern.compile("sent (\\d+), receiver counted (\\d+), errors 0").matcher(load.stdout());
                assertTrue(counts.find(), load.stdout());
                assertEquals(counts.group(1), counts.group(2), "the server's /status counted what was sent: " + load.stdout());
            }
            String summed = server.awaitLine(line -> line.contains("[/receive] ") && line.contains(" more messages in the "
                    + "last "), "the summed-up message line");
            assertTrue(summed.matches(".*\\[/receive] \\d+ more messages in the last \\d+\\.\\d s, \\d+ bytes \\(52 bytes "
                    + "each\\), from \\d+ open connections.*"), summed);
        }
    }

    @Test
    void moreConnectionsThanTheOpenFileLimitIsOneLineAndExitCode3() throws Exception {
        long limit = ((com.sun.management.UnixOperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getMaxFileDescriptorCount(); // the child inherits this process's limit
        long tooMany = limit + 1;
        try (JarProcess load = JarProcess.start("load", "--connections", Long.toString(tooMany),
                "ws://127.0.0.1:1/echo")) {
            assertEquals(3, load.exitCode(), load.stdout() + load.stderr());
            List<String> err = load.stderrLines();
            assertEquals(1, err.size(), load.stderr());
            assertTrue(err.get(0).startsWith("wsprobe: " + tooMany + " connections need about "), err.get(0));
            assertTrue(err.get(0).contains("(ulimit -n): raise it"), err.get(0));
        }
    }
}
