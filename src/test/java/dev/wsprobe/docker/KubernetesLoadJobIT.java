package dev.wsprobe.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JarServer;
import dev.wsprobe.testing.KubernetesManifests;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load Job's container script (docker/kubernetes/load-job.yaml) run here with /bin/sh and the jar (no
 * cluster runs here), and docker/kubernetes/collect-histograms.sh's extraction applied to what it prints, as
 * to a pod's log: the script passes SIGTERM on to the JVM, prints the histogram file between the markers
 * after the run, and exits with the run's exit code.
 */
class KubernetesLoadJobIT {
    private static final String HISTOGRAM = "#[a histogram log, as load --histogram-out writes it]\n"
            + "StartTime,Interval_Length,Interval_Max,Interval_Compressed_Histogram\n"
            + "0.127,1.000,0.104,HISTFAAAACR42pNpmSzMwMDAyAABzFCaEUrPCR2Cl6\n";

    @TempDir
    Path files;

    @Test
    void sigtermReachesTheRunAndItsHistogramFollowsInTheLog() throws Exception {
        Path histogram = Files.writeString(files.resolve("round-trips.hlog"), HISTOGRAM);
        // `server` stands in for a long run: what matters here is the script around it
        Map<String, String> environment = new HashMap<>(Map.of("WSPROBE_HISTOGRAM", histogram.toString(),
                "WSPROBE_HOST", "127.0.0.1", "WSPROBE_PORT", "0"));
        try (JarProcess pod = runScript(environment, List.of("server"))) {
            pod.awaitLine(line -> line.contains("listener state did change, new: ready"), "the JVM's ready line");
            pod.terminate(); // SIGTERM to the shell, as the kubelet sends it to the container's first process
            assertEquals(143, pod.exitCode(), "the JVM's own exit code on SIGTERM: " + pod.stdout() + pod.stderr());
            String log = pod.stdout() + pod.stderr();
            assertTrue(log.contains("listener state did change, new: cancelled"), "the JVM got SIGTERM: " + log);
            assertTrue(pod.stdout().indexOf("----- BEGIN WSPROBE HISTOGRAM -----") > pod.stdout().indexOf("cancelled"),
                    "the histogram comes after the run ended: " + pod.stdout());
            assertEquals(HISTOGRAM, extract(pod.stdout()), "collect-histograms.sh gets the file back, byte for byte");
        }
    }

    @Test
    void aFailedRunKeepsItsExitCodeAndPrintsNoHistogramItDidNotWrite() throws Exception {
        Path missing = files.resolve("never-written.hlog");
        try (ServerSocket closed = new ServerSocket(0)) {
            int port = closed.getLocalPort();
            closed.close();
            try (JarProcess pod = runScript(Map.of("WSPROBE_HISTOGRAM", missing.toString()),
                    List.of("health", "--timeout", "2s", "http://127.0.0.1:" + port + "/status"))) {
                assertEquals(1, pod.exitCode(), "the run's exit code: " + pod.stdout() + pod.stderr());
                assertFalse(pod.stdout().contains("WSPROBE HISTOGRAM"), pod.stdout());
                try (JarProcess extraction = collector(pod.stdout())) {
                    assertEquals(1, extraction.exitCode(), "collect-histograms.sh reports a log without histogram");
                }
            }
        }
    }

    // The Job's own arguments, three pods at once against one echo, their histograms from their logs, merged.
    @Test
    void threePodsOfTheJobMeasureOneWindowAndTheirHistogramsMerge() throws Exception {
        Container container = KubernetesLoadJobTest.container(KubernetesLoadJobTest.job());
        try (JarServer receivers = JarServer.launch("the receivers' Service", Map.of()).awaitReady()) {
            String start = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS).toString();
            List<JarProcess> pods = new ArrayList<>();
            List<Path> histograms = new ArrayList<>();
            try {
                for (int index = 0; index < 3; index++) {
                    Map<String, String> environment = new HashMap<>(KubernetesManifests.environment(container));
                    environment.put("JOB_COMPLETION_INDEX", Integer.toString(index));
                    environment.put("WSPROBE_START_AT", start);
                    environment.put("WSPROBE_HISTOGRAM", files.resolve("pod-" + index + ".hlog").toString());
                    List<String> args = new ArrayList<>(KubernetesManifests.expand(container.getArgs(), environment));
                    args.set(1, "ws://127.0.0.1:" + receivers.port() + "/echo");
                    replace(args, "--connections", "20");
                    replace(args, "--duration", "3s");
                    // three pods share this machine's network, where in a cluster each has its own: a free port
                    // each, on loopback
                    replace(args, "--metrics-port", "0");
                    args.addAll(List.of("--metrics-address", "127.0.0.1"));
                    pods.add(runScript(environment, args));
                }
                long received = 0;
                for (int index = 0; index < 3; index++) {
                    JarProcess pod = pods.get(index);
                    assertEquals(0, pod.exitCode(), pod.stdout() + pod.stderr());
                    assertTrue(pod.stdout().contains("metrics: http://127.0.0.1:"), "the pod served its metrics");
                    received += received(pod.stdout());
                    histograms.add(Files.writeString(files.resolve("load-" + index + ".hlog"), extract(pod.stdout())));
                }
                List<String> merge = new ArrayList<>(List.of("load", "merge"));
                histograms.forEach(file -> merge.add(file.toString()));
                try (JarProcess merged = JarProcess.start(merge.toArray(String[]::new))) {
                    assertEquals(0, merged.exitCode(), merged.stdout() + merged.stderr());
                    assertEquals(received, received(merged.stdout()), "the merged count is the sum: " + merged.stdout());
                }
            } finally {
                for (JarProcess pod : pods) {
                    pod.close();
                }
            }
        }
    }

    /** The container's script with the Job's arguments, as the pod runs it: this JDK's java, the built jar. */
    private static JarProcess runScript(Map<String, String> environment, List<String> args) throws IOException {
        Container container = KubernetesLoadJobTest.container(KubernetesLoadJobTest.job());
        List<String> command = new ArrayList<>(container.getCommand());
        command.set(2, command.get(2).replace(KubernetesManifestsTest.JAR_IN_IMAGE, JarProcess.jar().toString()));
        command.addAll(args);
        Map<String, String> withJava = new HashMap<>(environment);
        withJava.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        return JarProcess.command(withJava, command);
    }

    /** What collect-histograms.sh finds in a pod's log. */
    private static String extract(String log) throws Exception {
        try (JarProcess extraction = collector(log)) {
            assertEquals(0, extraction.exitCode(), "no histogram in: " + log);
            return extraction.stdout();
        }
    }

    private static JarProcess collector(String log) throws IOException {
        Path script = KubernetesManifests.directory().resolve("collect-histograms.sh");
        return JarProcess.command(Map.of(), List.of("/bin/sh", script.toString(), "--extract")).input(log);
    }

    private static long received(String summary) {
        Matcher received = Pattern.compile("sent \\d+, received (\\d+)").matcher(summary);
        assertTrue(received.find(), "a summary line with the received count: " + summary);
        return Long.parseLong(received.group(1));
    }

    private static void replace(List<String> args, String option, String value) {
        int at = args.indexOf(option);
        assertTrue(at > 0, option + " in " + args);
        args.set(at + 1, value);
    }
}
