package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.PrometheusText;
import dev.wsprobe.testing.PrometheusText.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code load --metrics-port}: the generator's figures scraped while it runs, checked by promtool and read by the
 * Python client's parser, agree with the summary it prints at the end.
 */
class LoadMetricsIT {
    private static final Pattern PORT = Pattern.compile("listening on ws://\\S+:(\\d+)/");
    private static final String[] BUCKETS = {"0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
        "0.5", "1.0", "2.5", "5.0", "10.0", "+Inf"};
    private static final int CONNECTIONS = 10;

    @Test
    void theFiguresScrapedMidRunAreConsistentWithTheFinalSummary() throws Exception {
        PrometheusText.require();
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0")) {
            Matcher listening = PORT.matcher(server.awaitLine(line -> line.contains("new: ready, listening on"),
                    "ready"));
            assertTrue(listening.find());
            try (JarProcess load = JarProcess.start("load", "--connections", Integer.toString(CONNECTIONS), "--rate",
                    "20", "--duration", "4s", "--metrics-port", "0", "--metrics-address", "127.0.0.1",
                    "ws://127.0.0.1:" + listening.group(1) + "/echo")) {
                String announced = load.awaitLine(line -> line.startsWith("metrics: "), "the metrics URL");
                URI metrics = URI.create(announced.substring("metrics: ".length()).trim());
                assertTrue(metrics.toString().matches("http://127\\.0\\.0\\.1:\\d+/metrics"), announced);

                Samples mid = scrapeWhen(metrics, page -> page.get("wsprobe_load_connections_open") == CONNECTIONS
                        && page.get("wsprobe_load_round_trip_seconds_count") > 0);

                double sent = mid.get("wsprobe_load_messages_sent_total");
                double received = mid.get("wsprobe_load_messages_received_total");
                double roundTrips = mid.get("wsprobe_load_round_trip_seconds_count");
                assertTrue(received > 0 && received <= sent, "received " + received + " of " + sent);
                assertTrue(roundTrips <= received, "a round trip is recorded after its echo is counted");
                assertEquals(0, mid.get("wsprobe_load_errors_total"));
                assertEquals("histogram", mid.type("wsprobe_load_round_trip_seconds"));
                double previous = 0;
                for (String bound : BUCKETS) {
                    double bucket = mid.get("wsprobe_load_round_trip_seconds_bucket", "le", bound);
                    assertTrue(bucket >= previous, "buckets add up: le=" + bound);
                    previous = bucket;
                }
                assertEquals(roundTrips, previous, "the +Inf bucket holds every round trip");
                assertTrue(mid.get("wsprobe_load_round_trip_seconds_sum") > 0);

                assertEquals(0, load.exitCode(), load.stdout() + load.stderr());
                Matcher summary = Pattern.compile("connected (\\d+), failed 0.*\\n.*sent (\\d+), received (\\d+), "
                        + "missing 0, errors 0").matcher(load.stdout());
                assertTrue(summary.find(), load.stdout());
                assertEquals(CONNECTIONS, Integer.parseInt(summary.group(1)));
                assertTrue(Long.parseLong(summary.group(2)) >= sent, "the run went on sending after the scrape");
                assertTrue(Long.parseLong(summary.group(3)) >= received);
            }
        }
    }

    @Test
    void aMetricsPortInUseIsOneLineAndExitCode3() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JarProcess load = JarProcess.start("load", "--metrics-port", Integer.toString(taken.getLocalPort()),
                        "--metrics-address", "127.0.0.1", "ws://127.0.0.1:1/echo")) {
            assertEquals(3, load.exitCode(), load.stdout() + load.stderr());
            List<String> err = load.stderrLines();
            assertEquals(1, err.size(), load.stderr());
            assertTrue(err.get(0).startsWith("wsprobe: cannot serve metrics on 127.0.0.1 port " + taken.getLocalPort()
                    + ": "), err.get(0));
            assertTrue(err.get(0).endsWith("(choose another --metrics-port)"), err.get(0));
            assertTrue(!load.stdout().contains("connected"), "nothing was connected: " + load.stdout());
        }
    }

    /** Scrapes until {@code ready} holds for the page (the run has connected and measured); that page. */
    private static Samples scrapeWhen(URI metrics, java.util.function.Predicate<Samples> ready)
            throws InterruptedException {
        AtomicReference<Samples> last = new AtomicReference<>();
        Await.until(() -> {
            try {
                last.set(PrometheusText.scrapeChecked(metrics));
                return ready.test(last.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, "the load to be connected with round trips measured");
        return last.get();
    }
}
