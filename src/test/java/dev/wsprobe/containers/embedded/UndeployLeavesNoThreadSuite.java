package dev.wsprobe.containers.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.StatusDocument;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.tls.TlsIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A servlet container has no managed scheduler, so the WAR runs its timers and its sender on threads of its
 * own: they must go with the application. Deploys the WAR (sender on, toward its own receiver, and a client at
 * the echo) and undeploys it several times in one container, then counts the JVM's threads by name: none of
 * wsprobe's ({@code wsprobe-*}), and none that was not there before the first deployment, apart from the
 * container's own request pools (which grow with traffic and are the server's).
 */
public abstract class UndeployLeavesNoThreadSuite {
    private static final String CONTEXT_PATH = "/wsprobe-cycle";
    private static final int CYCLES = 4;

    /** Starts the container under test in {@code directory}, presenting {@code identity} on https. */
    protected abstract EmbeddedContainer start(Path directory, TlsIdentity identity) throws Exception;

    /** Its directory's name under target/containers/. */
    protected abstract String directoryName();

    @Test
    void deployingAndUndeployingTheWarLeavesNoThreadBehind() throws Exception {
        Path directory = WarFiles.workDirectory(directoryName());
        try (EmbeddedContainer server = start(directory, new TestPki().serverIdentity("localhost", "127.0.0.1"))) {
            Path war = WarFiles.configured(directory, "wsprobe-cycle.war", Map.of(
                    "wsprobe.send.to", "ws://127.0.0.1:" + server.httpPort() + CONTEXT_PATH + "/receive",
                    "wsprobe.send.interval", "100ms"));
            Set<String> before = threadNames();
            for (int cycle = 1; cycle <= CYCLES; cycle++) {
                deployUseAndUndeploy(server, war, cycle);
            }
            try {
                Await.until(() -> leftBehind(server, before).isEmpty(), "no thread left behind by " + CYCLES
                        + " deployments in " + server.name());
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; still there: " + leftBehind(server, before), e);
            }
        }
    }

    private static void deployUseAndUndeploy(EmbeddedContainer server, Path war, int cycle) throws Exception {
        server.deploy(war, CONTEXT_PATH);
        EmbeddedWar deployed = new EmbeddedWar(server, CONTEXT_PATH, null);
        // its own scheduler runs (the container has no managed one) and the sender delivers through it
        assertTrue(threadNames().stream().anyMatch(name -> name.startsWith("wsprobe-")),
                "cycle " + cycle + ": wsprobe's own scheduler threads in " + threadNames());
        Await.until(() -> StatusDocument.readQuietly(deployed.status()).endpoint("/receive").messagesReceived() >= 2,
                "cycle " + cycle + ": the in-container sender's messages at its own receiver");
        JdkSocket client = JdkSocket.connect(deployed.ws("/echo"), null);
        client.sendText("cycle " + cycle);
        assertEquals("cycle " + cycle, client.nextText());

        server.undeploy(CONTEXT_PATH);
        assertEquals(1001, client.nextClose().code(), "cycle " + cycle + ": the undeploy says going away");
        Await.until(() -> threadNames().stream().noneMatch(name -> name.startsWith("wsprobe-")),
                "cycle " + cycle + ": wsprobe's scheduler threads to end with the undeploy");
    }

    private static List<String> leftBehind(EmbeddedContainer server, Set<String> before) {
        return threadNames().stream().filter(name -> !before.contains(name))
                .filter(name -> !server.isPoolThread(name))
                .filter(name -> !name.startsWith("HttpClient-")) // the test's own JDK client
                .toList();
    }

    private static Set<String> threadNames() {
        Set<String> names = new TreeSet<>();
        Thread.getAllStackTraces().keySet().forEach(thread -> names.add(thread.getName()));
        return names;
    }
}
