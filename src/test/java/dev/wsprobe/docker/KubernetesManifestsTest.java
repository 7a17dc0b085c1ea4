package dev.wsprobe.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.cli.Main;
import dev.wsprobe.cli.ServerCommand;
import dev.wsprobe.testing.Dockerfile;
import dev.wsprobe.testing.KubernetesManifests;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/**
 * The rules for docker/kubernetes/ that hold without a cluster (none runs here, and kubectl's client-side dry
 * run needs one to ask for the API's schema): every manifest is the current API of its kind with no field that
 * API lacks, and the receiver's Deployment, Service, Ingress and PodDisruptionBudget agree with each other,
 * with the image (docker/standalone/Dockerfile) and with the server. The load Job's own rules are in
 * {@link KubernetesLoadJobTest}, the Prometheus files' in {@link PrometheusScrapeFilesTest}.
 */
class KubernetesManifestsTest {
    static final String JAR_IN_IMAGE = "/app/wsprobe.jar";

    @Test
    void everyManifestIsTheCurrentApiOfItsKindWithNoUnknownField() throws IOException {
        Set<String> kinds = new java.util.TreeSet<>();
        for (Path file : KubernetesManifests.files()) {
            if (file.getParent().getFileName().toString().equals("prometheus")) {
                continue; // a Prometheus configuration and an Operator resource: PrometheusScrapeFilesTest
            }
            List<JsonNode> documents = KubernetesManifests.documents(file);
            assertFalse(documents.isEmpty(), file + " holds no resource");
            for (JsonNode document : documents) {
                HasMetadata resource = KubernetesManifests.typed(file, document);
                kinds.add(resource.getKind());
                assertTrue(resource.getMetadata().getName().matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"),
                        file + ": " + resource.getMetadata().getName() + " is not a DNS label");
                assertNull(resource.getMetadata().getNamespace(), file + ": " + resource.getMetadata().getName()
                        + " names a namespace; the manifests go into the one kubectl is told");
                assertEquals("wsprobe", resource.getMetadata().getLabels().get("app.kubernetes.io/name"), file
                        + ": " + resource.getMetadata().getName() + " carries the label app.kubernetes.io/name");
            }
        }
        assertEquals(KubernetesManifests.TYPES.keySet(), kinds, "every kind there is a manifest of");
    }

    @Test
    void theDeploymentRunsTheImagesServerAsItsUserOnTheImagesPort() throws IOException {
        Dockerfile image = Dockerfile.of("standalone");
        Deployment deployment = KubernetesManifests.only("receiver.yaml", Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container container = receiver(deployment);
        assertEquals("wsprobe:dev", container.getImage(), "the image docker/compose.yaml builds and runs");

        List<String> entrypoint = Dockerfile.execForm(image.only("ENTRYPOINT"));
        List<String> command = container.getCommand();
        assertEquals(Dockerfile.jarArguments(entrypoint, JAR_IN_IMAGE), Dockerfile.jarArguments(command, JAR_IN_IMAGE),
                "the command is the image's java -jar " + JAR_IN_IMAGE);
        assertTrue(command.containsAll(entrypoint.subList(0, entrypoint.indexOf("-jar"))),
                "the image's JVM options stay: " + command + " vs " + entrypoint);
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(container.getArgs().toArray(String[]::new));
        assertEquals("server", parsed.subcommand().commandSpec().name(), "the container runs the server");

        Map<String, String> environment = new java.util.HashMap<>(image.environment());
        environment.putAll(KubernetesManifests.environment(container));
        assertFalse(container.getArgs().contains("--port") || container.getArgs().contains("--host"),
                "port and host come from the environment, as in the image");
        int port = Integer.parseInt(environment.get("WSPROBE_PORT"));
        assertEquals(List.of(port), container.getPorts().stream().map(ContainerPort::getContainerPort).toList(),
                "the one container port is the server's WSPROBE_PORT");
        assertTrue(Set.of(image.only("EXPOSE").split("\\s+")).contains(Integer.toString(port)), "EXPOSEd by the image");
        assertTrue(Set.of("0.0.0.0", "::").contains(environment.get("WSPROBE_HOST")),
                "the server listens on every address of the pod, not loopback: " + environment.get("WSPROBE_HOST"));

        String imageUser = image.only("USER").split(":")[0];
        assertEquals(Long.valueOf(imageUser), pod.getSecurityContext().getRunAsUser(), "the image's own user");
        assertEquals(Boolean.TRUE, pod.getSecurityContext().getRunAsNonRoot());
        assertEquals(Boolean.FALSE, container.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("ALL"), container.getSecurityContext().getCapabilities().getDrop());
        assertNotNull(container.getResources().getLimits().get("memory"), "a memory limit (the JVM sizes its heap from it)");
        assertNotNull(container.getResources().getRequests().get("cpu"));
    }

    @Test
    void theReadOnlyRootLeavesTheImagesWorkingDirectoryWritable() throws IOException {
        Deployment deployment = KubernetesManifests.only("receiver.yaml", Deployment.class);
        Container container = receiver(deployment);
        assertEquals(Boolean.TRUE, container.getSecurityContext().getReadOnlyRootFilesystem());
        List<Dockerfile.Instruction> workdirs = Dockerfile.of("standalone").all("WORKDIR");
        String workdir = workdirs.get(workdirs.size() - 1).arguments(); // the run stage's, the last
        String volume = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals(workdir))
                .findFirst().orElseThrow(() -> new AssertionError("nothing mounted on the image's WORKDIR " + workdir))
                .getName();
        assertTrue(deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .anyMatch(v -> v.getName().equals(volume) && v.getEmptyDir() != null), volume + " is an emptyDir");
    }

    @Test
    void serviceIngressAndDisruptionBudgetSelectTheDeploymentsPodsAndPort() {
        Deployment deployment = KubernetesManifests.only("receiver.yaml", Deployment.class);
        Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "the Deployment selects its own pods");

        Service service = KubernetesManifests.only("receiver.yaml", Service.class);
        assertEquals(selector, service.getSpec().getSelector(), "the Service selects the Deployment's pods");
        ServicePort servicePort = service.getSpec().getPorts().get(0);
        assertEquals(1, service.getSpec().getPorts().size());
        ContainerPort containerPort = receiver(deployment).getPorts().get(0);
        assertEquals(containerPort.getName(), servicePort.getTargetPort().getStrVal(), "targetPort names the container's port");
        assertEquals(containerPort.getContainerPort(), servicePort.getPort(),
                "the Service's port is the server's, so ws://wsprobe:<port>/ is the same URL inside and outside a pod");

        Ingress ingress = KubernetesManifests.only("ingress.yaml", Ingress.class);
        List<IngressServiceBackend> backends = new ArrayList<>();
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            assertEquals("/", path.getPath());
            assertEquals("Prefix", path.getPathType(), "every path of the server: /receive, /echo, /status, /");
            backends.add(path.getBackend().getService());
        }));
        assertFalse(backends.isEmpty());
        for (IngressServiceBackend backend : backends) {
            assertEquals(service.getMetadata().getName(), backend.getName());
            assertEquals(servicePort.getName(), backend.getPort().getName());
        }

        PodDisruptionBudget budget = KubernetesManifests.only("receiver.yaml", PodDisruptionBudget.class);
        assertEquals(selector, budget.getSpec().getSelector().getMatchLabels());
        assertTrue(budget.getSpec().getMaxUnavailable().getIntVal() < deployment.getSpec().getReplicas(),
                "a drain may never take every receiver at once");
    }

    @Test
    void everyProbeAsksTheStatusPageOnTheServersPort() {
        Container container = receiver(KubernetesManifests.only("receiver.yaml", Deployment.class));
        // the path the image's health check asks: the health command's default URL
        String healthUrl = new CommandLine(new Main()).getSubcommands().get("health").getCommandSpec()
                .positionalParameters().get(0).defaultValue().replaceAll("\\$\\{[^}]*}", "1");
        String statusPath = URI.create(healthUrl).getPath();
        assertEquals("/status", statusPath);
        for (Probe probe : new Probe[] {container.getStartupProbe(), container.getReadinessProbe(),
                container.getLivenessProbe()}) {
            assertNotNull(probe, "startup, readiness and liveness probes");
            HTTPGetAction get = probe.getHttpGet();
            assertNotNull(get, "an HTTP probe (an exec of `health` would start a JVM in the pod each time)");
            assertEquals(statusPath, get.getPath());
            assertEquals(container.getPorts().get(0).getName(), get.getPort().getStrVal());
        }
        // KubernetesReceiverIT asks these paths of the container's command, run from the jar
    }

    @Test
    void theGracePeriodOutlastsThePreStopPauseAndTheServersDrain() {
        Deployment deployment = KubernetesManifests.only("receiver.yaml", Deployment.class);
        Container container = receiver(deployment);
        int pause = container.getLifecycle().getPreStop().getSleep().getSeconds().intValue();
        assertTrue(pause >= 1, "a pause before SIGTERM, for the endpoints to drop the pod: " + pause);
        long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
        // closing the connections and stopping the JVM took well under a second in KubernetesReceiverIT
        Duration margin = Duration.ofSeconds(5);
        Duration needed = Duration.ofSeconds(pause).plus(ServerCommand.STOP_PATIENCE).plus(margin);
        assertTrue(Duration.ofSeconds(grace).compareTo(needed) >= 0, "terminationGracePeriodSeconds " + grace
                + " must cover the " + pause + " s pause, the server's " + ServerCommand.STOP_PATIENCE.toSeconds()
                + " s wait for the 1001 answers and " + margin.toSeconds() + " s to spare");
    }

    @Test
    void theIngressKeepsAQuietConnectionLongerThanAnyoneWaitsToPingIt() {
        Ingress ingress = KubernetesManifests.only("ingress.yaml", Ingress.class);
        assertEquals("nginx", ingress.getSpec().getIngressClassName());
        Duration ping = pingInterval("server").compareTo(pingInterval("send")) > 0 ? pingInterval("server")
                : pingInterval("send");
        for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
            String seconds = ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/" + timeout);
            assertNotNull(seconds, timeout);
            assertTrue(Duration.ofSeconds(Long.parseLong(seconds)).compareTo(ping.multipliedBy(2)) >= 0,
                    timeout + " " + seconds + " s: at least twice the ping interval (" + ping.toSeconds() + " s)");
        }
    }

    @Test
    void theReadmeNamesTheServiceDeploymentAndPortTheManifestsHave() throws IOException {
        String readme = readme();
        Deployment deployment = KubernetesManifests.only("receiver.yaml", Deployment.class);
        Service service = KubernetesManifests.only("receiver.yaml", Service.class);
        String url = "ws://" + service.getMetadata().getName() + ":" + service.getSpec().getPorts().get(0).getPort()
                + "/receive";
        for (String named : List.of(url, "service/" + service.getMetadata().getName(),
                "deployment/" + deployment.getMetadata().getName(), "Service `" + service.getMetadata().getName() + "`")) {
            assertTrue(readme.contains(named), "README, \"Beyond one machine\": " + named);
        }
    }

    static String readme() throws IOException {
        return java.nio.file.Files.readString(Dockerfile.dockerDirectory().toAbsolutePath().getParent()
                .resolve("README.md"), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The default --ping-interval of a command, as its command line has it. */
    private static Duration pingInterval(String command) {
        CommandLine.ParseResult parsed = new CommandLine(new Main()).parseArgs(command,
                command.equals("server") ? "--port=0" : "ws://127.0.0.1:1/receive");
        return parsed.subcommand().commandSpec().findOption("--ping-interval").getValue();
    }

    static Container receiver(Deployment deployment) {
        List<Container> containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        assertEquals(1, containers.size(), containers.stream().map(Container::getName).collect(Collectors.toList())
                .toString());
        return containers.get(0);
    }
}
