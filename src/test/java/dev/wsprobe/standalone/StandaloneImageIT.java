package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Dockerfile;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JarServer;
import dev.wsprobe.testing.TestPki;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code docker/standalone/Dockerfile} runs, run here from the same jar (no Docker engine runs here):
 * its entrypoint and command with its environment (on loopback and a free port instead of every address and
 * 12345), its health check's command, its stop signal, and TLS configured the way the image documents it, by
 * environment variables naming mounted secrets. The arguments are read from the Dockerfile itself, so the
 * image and these tests cannot drift apart unnoticed.
 */
class StandaloneImageIT {
    private static final String JAR_IN_IMAGE = "/app/wsprobe.jar";

    @TempDir
    Path secrets;

    @Test
    void theImagesCommandServesItsHealthCheckPassesAndSigtermStopsItGracefully() throws Exception {
        Dockerfile image = Dockerfile.of("standalone");
        try (JarServer server = JarServer.launch("image", image.environment(), imageCommand(image))) {
            server.awaitReady();
            assertEquals(0, server.tlsPort(), "no wss without a keystore");

            try (JarProcess health = healthCheck(image, server.port())) {
                assertEquals(0, health.exitCode(), health.stdout() + health.stderr());
                assertTrue(health.stdout().startsWith("healthy: http://127.0.0.1:" + server.port()
                        + "/status answered HTTP 200"), health.stdout());
                assertTrue(health.stdout().contains("\"uptimeSeconds\":"), health.stdout());
            }

            assertEquals("SIGTERM", image.only("STOPSIGNAL"));
            server.process.terminate();
            server.process.awaitLine(line -> line.contains("listener state did change, new: cancelled"), "stopped");
            assertEquals(143, server.process.exitCode());

            try (JarProcess health = healthCheck(image, server.port())) {
                assertEquals(1, health.exitCode(), "Docker reads 1 as unhealthy: " + health.stdout());
                assertEquals(List.of("unhealthy: http://127.0.0.1:" + server.port() + "/status: connection refused: "
                        + "no server listens on port " + server.port()), health.stdout().lines().toList());
            }
        }
    }

    @Test
    void wssFromAKeystoreAndPasswordFileNamedByEnvironmentVariables() throws Exception {
        String password = "Mounted-Secret-Password";
        TestPki pki = new TestPki();
        Path keystore = secrets.resolve("wsprobe-keystore");
        try (OutputStream out = Files.newOutputStream(keystore)) {
            pki.serverIdentity("127.0.0.1").toKeyStore(password.toCharArray()).store(out, password.toCharArray());
        }
        Path passwordFile = Files.writeString(secrets.resolve("wsprobe-keystore-password"), password + "\n");
        Path ca = Files.writeString(secrets.resolve("ca.pem"), pki.caPem());

        Dockerfile image = Dockerfile.of("standalone");
        Map<String, String> environment = new HashMap<>(image.environment());
        environment.put("WSPROBE_KEYSTORE", keystore.toString());
        environment.put("WSPROBE_KEYSTORE_PASSWORD_FILE", passwordFile.toString());
        environment.put("WSPROBE_TLS_PORT", "0");
        try (JarServer server = JarServer.launch("image with TLS", environment, imageCommand(image))) {
            server.awaitReady();
            assertTrue(server.tlsPort() > 0, server.process.stdout());
            try (JarProcess check = JarProcess.start("check", "--cacert", ca.toString(),
                    "wss://127.0.0.1:" + server.tlsPort() + "/echo")) {
                assertEquals(0, check.exitCode(), check.stdout());
            }
            server.process.terminate();
            assertEquals(143, server.process.exitCode());
            String everything = server.process.stdout() + server.process.stderr();
            assertFalse(everything.contains(password), "the keystore password must never be printed");
        }
    }

    /** ENTRYPOINT + CMD, as the jar's arguments. */
    private static String[] imageCommand(Dockerfile image) {
        List<String> arguments = new ArrayList<>(Dockerfile.jarArguments(
                Dockerfile.execForm(image.only("ENTRYPOINT")), JAR_IN_IMAGE));
        arguments.addAll(Dockerfile.execForm(image.only("CMD")));
        assertEquals(List.of("server"), arguments, "the image runs the server");
        return arguments.toArray(String[]::new);
    }

    /** The HEALTHCHECK's command, with the container's WSPROBE_PORT (here: wherever the server listens). */
    private static JarProcess healthCheck(Dockerfile image, int port) throws Exception {
        List<String> arguments = Dockerfile.jarArguments(Dockerfile.execForm(image.healthCheckCommand()), JAR_IN_IMAGE);
        Map<String, String> environment = new HashMap<>(image.environment());
        environment.put("WSPROBE_PORT", Integer.toString(port));
        return JarProcess.start(environment, arguments.toArray(String[]::new));
    }
}
