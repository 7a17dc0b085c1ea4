package dev.wsprobe.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Dockerfile;
import dev.wsprobe.testing.NginxTemplate;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules for docker/ that can be checked without a Docker engine (none runs here): pinned base images,
 * no secrets in any file, an unprivileged standalone image that stops on SIGTERM and checks its health, the
 * WAR images' sender off unless switched on, and a compose file that sets every variable the nginx template
 * uses. What the images run is tested elsewhere (StandaloneImageIT, ScaleOutIT) from the same files.
 */
class DockerFilesTest {
    /** {@code name:tag} whose tag has a version number in it; never {@code latest} or no tag at all. */
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./_-]+:[A-Za-z0-9._-]*\\d[A-Za-z0-9._-]*");

    @ParameterizedTest(name = "docker/{0}/Dockerfile pins its base images")
    @ValueSource(strings = {"standalone", "payara", "wildfly"})
    void baseImagesArePinned(String name) throws IOException {
        Dockerfile image = Dockerfile.of(name);
        for (Dockerfile.Instruction from : image.all("FROM")) {
            String reference = resolveArguments(image, from.arguments().split("\\s+")[0]);
            assertTrue(PINNED.matcher(reference).matches() && !reference.endsWith(":latest"),
                    image.file + ": FROM " + reference + " is not pinned to a version");
        }
    }

    /** {@code ${NAME}} replaced by the default of {@code ARG NAME=default}; an ARG without a default fails. */
    private static String resolveArguments(Dockerfile image, String reference) {
        Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(reference);
        return variable.replaceAll(match -> {
            String defaultValue = image.all("ARG").stream().map(Dockerfile.Instruction::arguments)
                    .filter(argument -> argument.startsWith(match.group(1) + "="))
                    .map(argument -> argument.substring(match.group(1).length() + 1).replace("\"", ""))
                    .findFirst().orElse(null);
            assertTrue(defaultValue != null && !defaultValue.isEmpty(), image.file + ": FROM " + reference
                    + " reads ARG " + match.group(1) + ", which has no default: the image is not pinned");
            return Matcher.quoteReplacement(defaultValue);
        });
    }

    @Test
    void theWildFlyImageIsTheVersionTheContainerTestsRun() throws IOException {
        Dockerfile image = Dockerfile.of("wildfly");
        String runtime = resolveArguments(image, image.all("FROM").get(image.all("FROM").size() - 1).arguments());
        String tested = System.getProperty("wsprobe.wildfly.version");
        assertTrue(tested != null, "the build passes wsprobe.wildfly.version (pom: wildfly.version)");
        assertEquals("wildfly/wildfly:" + tested + "-jdk17", runtime,
                "the WildFly image must be the version mvn verify tests the WAR in (pom: wildfly.version)");
    }

    @Test
    void theStandaloneImageRunsUnprivilegedStopsOnSigtermAndChecksItsHealth() throws IOException {
        Dockerfile image = Dockerfile.of("standalone");
        String user = image.only("USER").split(":")[0];
        assertNotEquals("root", user);
        assertNotEquals("0", user);
        assertEquals("SIGTERM", image.only("STOPSIGNAL"));
        assertEquals(Set.of("12345", "12346"), Set.of(image.only("EXPOSE").split("\\s+")));
        assertTrue(image.healthCheckCommand().contains("\"health\""), image.healthCheckCommand());
    }

    @ParameterizedTest(name = "docker/{0}/Dockerfile: in-container sender off unless WSPROBE_SEND_TO is set")
    @ValueSource(strings = {"payara", "wildfly"})
    void warImagesRunNoSenderUnlessSwitchedOn(String name) throws IOException {
        assertEquals("", Dockerfile.of(name).environment().get("WSPROBE_SEND_TO"));
    }

    /**
     * Payara's Tyrus spends most of its CPU on a context capture per message unless the asadmin files under
     * docker/payara take the default managed scheduled executor away (docs/benchmarks.md): the image must boot
     * with them, under the names the README gives.
     */
    @Test
    void thePayaraImageBootsWithTheSettingsForManyConnections() throws IOException {
        Dockerfile image = Dockerfile.of("payara");
        List<String> command = Dockerfile.execForm(image.only("CMD"));
        String config = "/opt/payara/config/wsprobe/";
        assertEquals(config + "preboot.asadmin", command.get(command.indexOf("--prebootcommandfile") + 1), command::toString);
        assertEquals(config + "idle-timer-postboot.asadmin", command.get(command.indexOf("--postbootcommandfile") + 1),
                command::toString);
        String made = image.all("RUN").stream().map(Dockerfile.Instruction::arguments)
                .filter(run -> run.contains("> " + config + "preboot.asadmin")).findFirst().orElse("");
        assertTrue(made.contains(config + "idle-timer-preboot.asadmin") && made.contains(config + "tuning-preboot.asadmin"),
                "the preboot file is made of idle-timer-preboot.asadmin and tuning-preboot.asadmin: " + made);
        for (String name : List.of("idle-timer-preboot.asadmin", "idle-timer-postboot.asadmin", "tuning-preboot.asadmin")) {
            String commands = Files.readString(Dockerfile.dockerDirectory().resolve("payara").resolve(name),
                    StandardCharsets.UTF_8);
            assertTrue(commands.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#")), name + " runs no command");
        }
        String postboot = Files.readString(Dockerfile.dockerDirectory().resolve("payara/idle-timer-postboot.asadmin"),
                StandardCharsets.UTF_8);
        assertTrue(postboot.contains("__defaultManagedScheduledExecutorService.enabled=false"), postboot);
    }

    @Test
    void noSecretInAnyFileUnderDocker() throws IOException {
        Pattern passwordValue = Pattern.compile("PASSWORD\\s*[=:]\\s*[^\\s/\"$]");
        try (Stream<Path> files = Files.walk(Dockerfile.dockerDirectory())) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !file.startsWith(
                    Dockerfile.dockerDirectory().resolve("secrets"))).toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                assertFalse(text.contains("PRIVATE KEY-----"), file + " holds a private key");
                assertFalse(passwordValue.matcher(text).find(), file + " sets a password");
            }
        }
    }

    @Test
    void composePinsItsImagesAndSetsEveryVariableOfTheNginxTemplate() throws IOException {
        String compose = Files.readString(Dockerfile.dockerDirectory().resolve("compose.yaml"), StandardCharsets.UTF_8);
        Matcher images = Pattern.compile("(?m)^\\s*image:\\s*(\\S+)").matcher(compose);
        List<String> seen = images.results().map(match -> match.group(1)).toList();
        assertTrue(seen.contains("wsprobe:dev"), "the receivers and the sender run the image built here: " + seen);
        for (String image : seen) {
            assertTrue(image.equals("wsprobe:dev") || PINNED.matcher(image).matches(), "compose: " + image);
        }
        Set<String> templateVariables = new TreeSet<>(Pattern.compile("\\$\\{(WSPROBE_[A-Z0-9_]+)}")
                .matcher(Files.readString(NginxTemplate.file(), StandardCharsets.UTF_8)).results()
                .map(match -> match.group(1)).toList());
        Set<String> composeVariables = new TreeSet<>(Pattern.compile("(?m)^\\s+(WSPROBE_[A-Z0-9_]+):")
                .matcher(compose).results().map(match -> match.group(1)).toList());
        assertTrue(composeVariables.containsAll(templateVariables),
                "compose.yaml sets " + composeVariables + ", the template uses " + templateVariables);
        for (String secret : List.of("./secrets/proxy.crt", "./secrets/proxy.key", "./secrets/ca.pem")) {
            assertTrue(compose.contains("file: " + secret), "compose reads " + secret + " (made, not committed)");
        }
    }
}
