package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.PlainHttp;
import dev.wsprobe.testing.PrometheusText;
import dev.wsprobe.testing.PrometheusText.Samples;
import dev.wsprobe.testing.RawWebSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} of the standalone server after known traffic, read by Prometheus' own {@code promtool} and by an
 * independent parser (the Python client's): each metric of the README's table has the value the traffic implies,
 * with its labels bounded (a private close code is counted as {@code 4xxx}).
 */
class MetricsTest {
    private static final int PRIVATE_CLOSE_CODE = 4001;

    @BeforeAll
    static void parsersInstalled() {
        PrometheusText.require();
    }

    @Test
    void theCountsOfKnownTrafficAreOnThePage() throws Exception {
        try (WsprobeServer server = WsprobeServer.start()) {
            try (RawWebSocket echo = RawWebSocket.upgraded(server.echoUrl())) {
                for (int i = 0; i < 3; i++) {
                    echo.send(RawWebSocket.TEXT, "hello".getBytes(StandardCharsets.UTF_8));
                    assertEquals("hello", echo.readMessage().text());
                }
                echo.sendClose(PRIVATE_CLOSE_CODE, "done");
                echo.awaitClose();
            }
            try (RawWebSocket receiver = RawWebSocket.upgraded(server.ws("/receive?sender=m"))) {
                for (String message : new String[] {"a #1", "a #3", "a #3"}) { // #2 missing, #3 twice
                    receiver.send(RawWebSocket.TEXT, message.getBytes(StandardCharsets.UTF_8));
                }
                receiver.sendClose(1000, "");
                receiver.awaitClose();
            }
            PlainHttp.Response post = PlainHttp.exchange(server.echoUrl(),
                    PlainHttp.upgrade(server.echoUrl(), "/echo").replaceFirst("GET", "POST"));
            assertEquals(405, post.status(), "an upgrade must be a GET");
            try (RawWebSocket nowhere = RawWebSocket.connect(server.ws("/nowhere"), null, Map.of())) {
                assertEquals(404, nowhere.handshake().status(), "no endpoint at /nowhere");
            }
            Await.until(() -> server.context().echo().closes().nonZero().size()
                    + server.context().receiver().closes().nonZero().size() == 2, "both closes to be counted");

            Samples page = PrometheusText.scrapeChecked(server.metricsUrl());

            assertEquals(3, page.get("wsprobe_messages_received_total", "endpoint", "echo"));
            assertEquals(15, page.get("wsprobe_bytes_received_total", "endpoint", "echo"));
            assertEquals(3, page.get("wsprobe_messages_sent_total", "endpoint", "echo"), "three echoes went out");
            assertEquals(15, page.get("wsprobe_bytes_sent_total", "endpoint", "echo"));
            assertEquals(3, page.get("wsprobe_messages_received_total", "endpoint", "receive"));
            assertEquals(0, page.get("wsprobe_messages_sent_total", "endpoint", "receive"), "no acks asked for");
            assertEquals(1, page.get("wsprobe_connections_accepted_total", "endpoint", "echo"));
            assertEquals(1, page.get("wsprobe_connections_accepted_total", "endpoint", "receive"));
            assertEquals(0, page.get("wsprobe_connections_open", "endpoint", "echo"));
            assertEquals(1, page.get("wsprobe_closes_total", "endpoint", "echo", "code", "4xxx"),
                    "a private close code is counted in its group, not as itself");
            assertEquals(0, page.getOrZero("wsprobe_closes_total", "endpoint", "echo",
                    "code", String.valueOf(PRIVATE_CLOSE_CODE)));
            assertEquals(1, page.get("wsprobe_closes_total", "endpoint", "receive", "code", "1000"));
            assertEquals(1, page.get("wsprobe_handshake_refusals_total", "status", "405"));
            assertEquals(1, page.get("wsprobe_handshake_refusals_total", "status", "404"),
                    "Tyrus' own refusal of an unknown path is counted too");
            assertEquals(1, page.get("wsprobe_sequence_gaps_total"));
            assertEquals(1, page.get("wsprobe_sequence_duplicates_total"));
            assertEquals(0, page.get("wsprobe_outgoing_bytes_queued"));
            assertEquals("gauge", page.type("wsprobe_connections_open"));
            assertEquals("counter", page.type("wsprobe_closes"));
        }
    }

    @Test
    void anEchoHeldBackIsCountedAsQueuedUntilItGoesOut() throws Exception {
        try (WsprobeServer server = WsprobeServer.start()) {
            try (RawWebSocket echo = RawWebSocket.upgraded(server.ws("/echo?delay=60s"))) {
                echo.send(RawWebSocket.TEXT, "x".repeat(100).getBytes(StandardCharsets.UTF_8));
                Await.until(() -> server.context().echo().snapshot().messagesReceived() == 1, "the message to arrive");

                Samples page = PrometheusText.scrapeChecked(server.metricsUrl());

                assertEquals(100, page.get("wsprobe_outgoing_bytes_queued"), "the delayed echo waits in the queue");
                assertEquals(1, page.get("wsprobe_connections_open", "endpoint", "echo"));
                assertEquals(0, page.get("wsprobe_messages_sent_total", "endpoint", "echo"), "not sent yet");
            }
        }
    }

    @Test
    void twoServersInOneJvmHaveTheirOwnMetrics() throws Exception {
        try (WsprobeServer busy = WsprobeServer.start(); WsprobeServer idle = WsprobeServer.start()) {
            try (RawWebSocket echo = RawWebSocket.upgraded(busy.echoUrl())) {
                echo.send(RawWebSocket.TEXT, "one".getBytes(StandardCharsets.UTF_8));
                echo.readMessage();
            }
            URI idleMetrics = idle.metricsUrl();

            assertEquals(1, PrometheusText.scrapeChecked(busy.metricsUrl())
                    .get("wsprobe_messages_received_total", "endpoint", "echo"));
            assertEquals(0, PrometheusText.scrapeChecked(idleMetrics)
                    .get("wsprobe_messages_received_total", "endpoint", "echo"));
        }
    }
}
