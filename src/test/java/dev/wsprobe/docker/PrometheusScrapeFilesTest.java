package dev.wsprobe.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.KubernetesManifests;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docker/kubernetes/prometheus/ against the pods it is to find (no Prometheus runs here): the scrape job's
 * relabelling keeps the receivers' and the generators' metrics ports and nothing else of theirs, the
 * PodMonitor selects both by label and port name, and the pods' prometheus.io annotations name those ports.
 */
class PrometheusScrapeFilesTest {
    private static final String NAME_LABEL = "app.kubernetes.io/name";

    @Test
    void theScrapeJobKeepsTheMetricsPortsOfReceiversAndGenerators() {
        List<JsonNode> documents = KubernetesManifests.documents(
                KubernetesManifests.directory().resolve("prometheus/scrape-config.yaml"));
        assertEquals(1, documents.size());
        JsonNode job = documents.get(0).path("scrape_configs").path(0);
        assertEquals("pod", job.path("kubernetes_sd_configs").path(0).path("role").asString());
        assertEquals("/metrics", job.path("metrics_path").asString());

        Pattern name = null;
        Pattern portName = null;
        for (JsonNode rule : job.path("relabel_configs")) {
            String source = rule.path("source_labels").path(0).asString();
            if (rule.path("action").asString().equals("keep")) {
                // Prometheus anchors relabelling expressions at both ends, as matches() does
                Pattern regex = Pattern.compile(rule.path("regex").asString());
                if (source.equals(prometheusLabel("__meta_kubernetes_pod_label_", NAME_LABEL))) {
                    name = regex;
                } else if (source.equals("__meta_kubernetes_pod_container_port_name")) {
                    portName = regex;
                }
            }
        }
        assertTrue(name != null && portName != null, "keeps by the name label and by port name: " + job);
        Pattern scrapedPort = portName;
        for (PodTemplateSpec pod : pods()) {
            assertTrue(name.matcher(pod.getMetadata().getLabels().get(NAME_LABEL)).matches());
            assertEquals(1, ports(pod).stream().filter(port -> scrapedPort.matcher(port.getName()).matches()).count(),
                    "one scraped port per pod: " + ports(pod));
        }
    }

    @Test
    void thePodMonitorSelectsBothKindsOfPodByLabelAndPortName() {
        List<JsonNode> documents = KubernetesManifests.documents(
                KubernetesManifests.directory().resolve("prometheus/podmonitor.yaml"));
        assertEquals(1, documents.size());
        JsonNode monitor = documents.get(0);
        assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asString());
        assertEquals("PodMonitor", monitor.path("kind").asString());
        Set<String> monitored = new TreeSet<>();
        for (JsonNode endpoint : monitor.path("spec").path("podMetricsEndpoints")) {
            monitored.add(endpoint.path("port").asString());
            assertEquals("/metrics", endpoint.path("path").asString());
        }
        Map<String, String> selector = new java.util.HashMap<>();
        monitor.path("spec").path("selector").path("matchLabels").properties()
                .forEach(entry -> selector.put(entry.getKey(), entry.getValue().asString()));
        Set<String> wanted = new TreeSet<>();
        for (PodTemplateSpec pod : pods()) {
            assertTrue(pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()), selector.toString());
            ports(pod).stream().map(ContainerPort::getName).filter(monitored::contains).forEach(wanted::add);
        }
        assertEquals(monitored, wanted, "every endpoint is a port of the pods");
    }

    @Test
    void thePodsAnnotationsNameTheirMetricsPort() {
        for (PodTemplateSpec pod : pods()) {
            Map<String, String> annotations = pod.getMetadata().getAnnotations();
            assertEquals("true", annotations.get("prometheus.io/scrape"));
            assertEquals("/metrics", annotations.get("prometheus.io/path"));
            String port = annotations.get("prometheus.io/port");
            assertTrue(ports(pod).stream().anyMatch(p -> p.getContainerPort().toString().equals(port)),
                    port + " is a port of " + pod.getMetadata().getLabels());
        }
    }

    /** The receivers' and the generators' pod templates. */
    private static List<PodTemplateSpec> pods() {
        return List.of(KubernetesManifests.only("receiver.yaml", Deployment.class).getSpec().getTemplate(),
                KubernetesManifests.only("load-job.yaml", Job.class).getSpec().getTemplate());
    }

    private static List<ContainerPort> ports(PodTemplateSpec pod) {
        List<ContainerPort> ports = new ArrayList<>();
        pod.getSpec().getContainers().forEach(container -> ports.addAll(container.getPorts()));
        return ports;
    }

    /** A Kubernetes label as a Prometheus service-discovery label: every character outside [a-zA-Z0-9_] is _. */
    private static String prometheusLabel(String prefix, String label) {
        return prefix + label.replaceAll("[^a-zA-Z0-9_]", "_");
    }
}
