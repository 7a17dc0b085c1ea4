package dev.wsprobe.containers.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.containers.InContainerSenderSuite;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.StatusDocument;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.testing.TestedHost;
import jakarta.json.JsonObject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The in-container sender in an embedded servlet container, through the container's own WebSocket client and
 * on the WAR's own scheduler: the shared sender suite (defaults, and the configured message limit) on a
 * configured copy of the WAR, plus the sender's interval, count and text as settings, and a bad setting failing
 * the deployment with its one-line reason.
 */
public abstract class EmbeddedSenderSuite extends InContainerSenderSuite {
    private static EmbeddedContainer server;
    private static Path directory;
    private static EmbeddedWar war;

    /** Starts the container in a fresh directory {@code name} and deploys the configured WAR. */
    protected static void deployConfiguredWar(String name, Starter starter) throws Exception {
        directory = WarFiles.workDirectory(name);
        TestPki pki = new TestPki();
        server = starter.start(directory, pki);
        Path file = WarFiles.configured(directory, WAR_NAME, senderSettings(server.httpPort()));
        server.deploy(file, "/wsprobe-sender");
        war = new EmbeddedWar(server, "/wsprobe-sender", pki.trustingClientContext(), LIMIT);
    }

    /** How a subclass starts its container. */
    @FunctionalInterface
    protected interface Starter {
        EmbeddedContainer start(Path directory, TestPki pki) throws Exception;
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Override
    protected TestedHost war() {
        return war;
    }

    @Test
    void senderIntervalCountAndTextAreSettings() throws Exception {
        String context = "/wsprobe-custom";
        Path file = WarFiles.configured(directory, "wsprobe-custom.war", Map.of(
                "wsprobe.send.to", "ws://127.0.0.1:" + server.httpPort() + context + "/receive",
                "wsprobe.send.interval", "200ms",
                "wsprobe.send.count", "3",
                "wsprobe.send.text", "probe #{n}"));
        server.deploy(file, context);
        try {
            URI status = new EmbeddedWar(server, context, null).status();
            Await.until(Duration.ofSeconds(30), () -> StatusDocument.readQuietly(status).endpoint("/receive")
                    .messagesReceived() >= 1, "the configured sender's first message");
            long first = System.nanoTime();
            Await.until(() -> StatusDocument.readQuietly(status).endpoint("/receive").messagesReceived() >= 3,
                    "the configured sender's third message");
            long firstToThird = Duration.ofNanos(System.nanoTime() - first).toMillis();
            assertTrue(firstToThird < 1900, "3 messages 200 ms apart, not the default second: " + firstToThird
                    + " ms from the first to the third");
            // count 3: then it closes normally, and nothing more arrives
            Await.until(() -> StatusDocument.readQuietly(status).endpoint("/receive").openConnections() == 0,
                    "the sender to close after its 3 messages");
            StatusDocument seen = StatusDocument.read(status);
            JsonObject sender = seen.sender();
            assertEquals(3, sender.getInt("sent"), "sender: " + sender);
            StatusDocument.Counts receiver = seen.endpoint("/receive");
            assertEquals(3, receiver.messagesReceived(), seen.json().toString());
            assertEquals("probe #1".length() * 3, receiver.bytesReceived(), "the configured text, numbered");
        } finally {
            server.undeploy(context);
        }
    }

    @Test
    void aBadSenderSettingFailsTheDeploymentSayingWhy() throws Exception {
        String context = "/wsprobe-bad";
        Path file = WarFiles.configured(directory, "wsprobe-bad.war", Map.of(
                "wsprobe.send.to", "ws://127.0.0.1:" + server.httpPort() + "/wsprobe-sender/receive",
                "wsprobe.send.count", "many"));
        Exception failed = assertThrows(Exception.class, () -> server.deploy(file, context));
        assertTrue(causes(failed).anyMatch(cause -> cause instanceof IllegalArgumentException
                && ("context parameter wsprobe.send.count: 'many' is not a count; write 0 (no limit) or a positive "
                        + "whole number, e.g. 10").equals(cause.getMessage())),
                "the deployment fails with the setting's one-line reason: " + failed);
        assertEquals(404, java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                new EmbeddedWar(server, context, null).status()).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode(), "nothing deployed there");
    }

    private static Stream<Throwable> causes(Throwable error) {
        return Stream.concat(Stream.iterate(error, Objects::nonNull, Throwable::getCause),
                Stream.of(error.getSuppressed()).flatMap(EmbeddedSenderSuite::causes));
    }
}
