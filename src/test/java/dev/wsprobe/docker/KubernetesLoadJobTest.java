package dev.wsprobe.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.cli.Main;
import dev.wsprobe.testing.Dockerfile;
import dev.wsprobe.testing.KubernetesManifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker/kubernetes/load-job.yaml without a cluster: an Indexed Job whose pods each run the image's jar with
 * {@code load} against the receivers' Service, print their histogram between the markers that
 * collect-histograms.sh looks for, and expose the generator's metrics. KubernetesLoadJobIT runs its script.
 */
class KubernetesLoadJobTest {
    static final Pattern MARKER = Pattern.compile("----- (BEGIN|END) WSPROBE HISTOGRAM -----");

    @Test
    void everyIndexRunsOnceBoundedInTime() {
        Job job = job();
        assertEquals("Indexed", job.getSpec().getCompletionMode());
        assertEquals(job.getSpec().getCompletions(), job.getSpec().getParallelism(),
                "every index at once: their measured windows are to overlap");
        assertEquals(0, job.getSpec().getBackoffLimitPerIndex(),
                "no second try of an index (it would measure another window), and one failure stops no other");
        assertEquals("Never", job.getSpec().getTemplate().getSpec().getRestartPolicy());
        assertNotNull(job.getSpec().getActiveDeadlineSeconds(), "a bound on the whole run");
    }

    @Test
    void theScriptRunsTheImagesJarAndPrintsTheHistogramBetweenTheCollectorsMarkers() throws IOException {
        Container container = container(job());
        assertEquals("wsprobe:dev", container.getImage());
        List<String> command = container.getCommand();
        assertEquals(List.of("/bin/sh", "-c"), command.subList(0, 2));
        String script = command.get(2);
        List<String> entrypoint = Dockerfile.execForm(Dockerfile.of("standalone").only("ENTRYPOINT"));
        assertTrue(script.contains(String.join(" ", entrypoint) + " \"$@\""),
                "the image's java command with the Job's arguments: " + script);

        String collector = Files.readString(KubernetesManifests.directory().resolve("collect-histograms.sh"),
                StandardCharsets.UTF_8);
        List<String> printed = MARKER.matcher(script).results().map(match -> match.group()).toList();
        assertEquals(List.of("----- BEGIN WSPROBE HISTOGRAM -----", "----- END WSPROBE HISTOGRAM -----"), printed);
        for (String marker : printed) {
            assertTrue(collector.contains("'" + marker + "'"), "collect-histograms.sh looks for " + marker);
        }

        String histogram = KubernetesManifests.environment(container).get("WSPROBE_HISTOGRAM");
        assertTrue(script.contains("\"$WSPROBE_HISTOGRAM\""), "the script prints the file the run writes");
        PodSpec pod = job().getSpec().getTemplate().getSpec();
        String volume = container.getVolumeMounts().stream().filter(mount -> histogram.startsWith(mount.getMountPath() + "/"))
                .findFirst().orElseThrow(() -> new AssertionError(histogram + " is on no mounted volume")).getName();
        assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(volume) && v.getEmptyDir() != null),
                "the histogram goes to an emptyDir (the root file system is read-only)");
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
    }

    @Test
    void theJobLoadsTheServicesEchoAndServesItsMetricsOnTheScrapedPort() throws IOException {
        Container container = container(job());
        List<String> args = container.getArgs();
        assertEquals("load", args.get(0));
        URI target = URI.create(args.get(1));
        Service service = KubernetesManifests.only("receiver.yaml", Service.class);
        assertEquals(service.getMetadata().getName(), target.getHost(), "the receivers' Service");
        assertEquals(service.getSpec().getPorts().get(0).getPort(), target.getPort());
        assertEquals("/echo", target.getPath(), "round trips are measured against the echo");
        assertEquals("echo", args.get(args.indexOf("--mode") + 1),
                "receiver mode reads one /status behind a Service of several receivers");

        // the generator serves its figures on the port it declares, which the scrape annotation names
        ContainerPort declared = container.getPorts().stream().filter(port -> port.getName().equals("metrics"))
                .findFirst().orElseThrow(() -> new AssertionError("no container port named metrics"));
        String metricsPort = declared.getContainerPort().toString();
        assertEquals(metricsPort, job().getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/port"));
        assertEquals(metricsPort, args.get(args.indexOf("--metrics-port") + 1), "load serves what is scraped");
        assertEquals("/metrics", job().getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/path"));
        assertTrue(!args.contains("--metrics-address"), "every interface of the pod: Prometheus scrapes the pod's IP");
        Deployment receivers = KubernetesManifests.only("receiver.yaml", Deployment.class);
        assertTrue(receivers.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                .noneMatch(port -> port.getContainerPort().toString().equals(metricsPort)), "not the receivers' port");

        // the start instant is an ISO-8601 instant, and the documented sed replaces exactly it
        String startAt = KubernetesManifests.environment(container).get("WSPROBE_START_AT");
        Instant.parse(startAt);
        String file = Files.readString(KubernetesManifests.directory().resolve("load-job.yaml"), StandardCharsets.UTF_8);
        String sed = "sed \"s/" + startAt + "/$start/\" docker/kubernetes/load-job.yaml | kubectl apply -f -";
        assertTrue(file.contains(sed), "the header's sed replaces " + startAt);
        String readme = KubernetesManifestsTest.readme();
        assertTrue(readme.contains(sed), "README, \"Beyond one machine\": " + sed);
        assertTrue(readme.contains("job/" + job().getMetadata().getName()) && readme.contains("(" + metricsPort + ")"),
                "the README names the Job and its metrics port");
        assertTrue(args.contains("$(WSPROBE_START_AT)") && args.contains("$(WSPROBE_HISTOGRAM)"));
    }

    // wsprobe's command line must take the Job's arguments as they are: a Job whose pods exit with a usage error
    // is what this test is to catch.
    @Test
    void theJobsArgumentsAndTheDocumentedMergeAreCommandLinesWsprobeTakes() {
        Container container = container(job());
        Map<String, String> environment = new HashMap<>(KubernetesManifests.environment(container));
        environment.put("JOB_COMPLETION_INDEX", "0"); // the Job controller sets it in every pod of an Indexed Job
        List<String> args = KubernetesManifests.expand(container.getArgs(), environment);
        CommandLine.ParseResult load = new CommandLine(new Main()).parseArgs(args.toArray(String[]::new)).subcommand();
        assertEquals("load", load.commandSpec().name());
        for (String option : List.of("--histogram-out", "--start-at", "--mode", "--connections", "--metrics-port")) {
            assertTrue(load.hasMatchedOption(option), option + " is an option of load");
        }

        CommandLine.ParseResult merge = new CommandLine(new Main()).parseArgs("load", "merge",
                "histograms/load-0.hlog", "histograms/load-1.hlog", "--json").subcommand().subcommand();
        assertNotNull(merge, "`load merge FILE...` is a command (README, collect-histograms.sh)");
        assertEquals("merge", merge.commandSpec().name());
    }

    static Job job() {
        return KubernetesManifests.only("load-job.yaml", Job.class);
    }

    static Container container(Job job) {
        List<Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size());
        return containers.get(0);
    }
}
