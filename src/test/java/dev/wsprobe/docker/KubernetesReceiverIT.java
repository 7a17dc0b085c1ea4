package dev.wsprobe.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.Dockerfile;
import dev.wsprobe.testing.JarServer;
import dev.wsprobe.testing.KubernetesManifests;
import dev.wsprobe.testing.RawWebSocket;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The receiver's container of docker/kubernetes/receiver.yaml, run here from the jar (no cluster runs here):
 * its command with its JVM options, arguments and environment over the image's (on loopback and a free port
 * instead of every address and 12345). Its probes' paths must answer on its port, and SIGTERM with a client
 * that never answers the 1001 close must end the process within the pod's grace period after the preStop
 * pause. (However long this takes here, the server's wait for answers is bounded by
 * ServerCommand.STOP_PATIENCE, which KubernetesManifestsTest holds against the grace period.)
 */
class KubernetesReceiverIT {
    // java.util.logging directly: on failsafe's class path a System.Logger would go to jboss-modules' logger
    private static final Logger REPORT = Logger.getLogger(KubernetesReceiverIT.class.getName());
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theProbesPathsAnswerAndSigtermEndsTheServerWithinTheGracePeriod() throws Exception {
        Deployment deployment = KubernetesManifests.only("receiver.yaml", Deployment.class);
        Container container = KubernetesManifestsTest.receiver(deployment);
        try (JarServer server = start(container)) {
            for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(),
                    container.getLivenessProbe())) {
                HttpResponse<String> answer = get(server.port(), probe.getHttpGet().getPath());
                assertEquals(200, answer.statusCode(), probe.getHttpGet().getPath() + ": " + answer.body());
            }

            try (RawWebSocket silent = RawWebSocket.upgraded(URI.create("ws://127.0.0.1:" + server.port() + "/receive"))) {
                // the 101 reaches the client before the server's endpoint has the session among its open ones
                Await.until(() -> server.receiver().openConnections() == 1, "the server counting the connection");
                long stopping = System.nanoTime();
                server.process.terminate();
                assertEquals(1001, silent.awaitClose().closeCode(), "going away");
                // the close is never answered
                assertEquals(143, server.process.exitCode(), server.process.stdout());
                Duration drain = Duration.ofNanos(System.nanoTime() - stopping);

                long pause = container.getLifecycle().getPreStop().getSleep().getSeconds();
                long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
                REPORT.info("SIGTERM to exit with a client that does not answer the close: " + drain.toMillis()
                        + " ms; preStop pause " + pause + " s; grace period " + grace + " s");
                assertTrue(Duration.ofSeconds(pause).plus(drain).compareTo(Duration.ofSeconds(grace)) < 0,
                        "preStop " + pause + " s + drain " + drain.toMillis() + " ms must end before the "
                                + grace + " s grace period sends SIGKILL");
            }
        }
    }

    // pods' prometheus.io annotations that name a path answering 404 are what this test is to catch
    @Test
    void theScrapeAnnotationsNameAPrometheusPageOfTheServer() throws Exception {
        Deployment deployment = KubernetesManifests.only("receiver.yaml", Deployment.class);
        Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
        Container container = KubernetesManifestsTest.receiver(deployment);
        assertEquals(annotations.get("prometheus.io/port"), container.getPorts().get(0).getContainerPort().toString(),
                "the annotation names the server's port (here a free one instead)");
        try (JarServer server = start(container)) {
            HttpResponse<String> scrape = get(server.port(), annotations.get("prometheus.io/path"));
            assertEquals(200, scrape.statusCode(), scrape.body());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
                    "Prometheus' text format: " + scrape.headers().map());
            assertTrue(scrape.body().contains("# TYPE wsprobe_connections_open gauge"), scrape.body());
        }
    }

    /** The container's command and arguments with the image's environment and then its own. */
    private static JarServer start(Container container) throws Exception {
        Map<String, String> environment = new HashMap<>(Dockerfile.of("standalone").environment());
        environment.putAll(KubernetesManifests.environment(container));
        List<String> command = new java.util.ArrayList<>(container.getCommand());
        command.addAll(container.getArgs());
        return JarServer.command("receiver.yaml's container", environment, command,
                KubernetesManifestsTest.JAR_IN_IMAGE).awaitReady();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
