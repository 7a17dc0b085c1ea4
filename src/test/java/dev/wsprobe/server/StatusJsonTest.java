package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.diagnosis.Diagnosis;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.SenderStatus;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusJsonTest {
    private static final List<EndpointStats.Snapshot> ENDPOINTS = List.of(
            new EndpointStats.Snapshot("/receive", 1, 3, 10, 420),
            new EndpointStats.Snapshot("/echo", 0, 2, 5, 100));
    private static final ServerStatus.Sequences SEQUENCES = new ServerStatus.Sequences(2, 3, 1, 4, 5, 6, 7);

    @Test
    void withoutSenderTheDocumentIsExactlyTheDocumentedShape() {
        String json = StatusJson.write(new ServerStatus(Duration.ofMillis(12_345), ENDPOINTS, SEQUENCES, null));
        assertEquals("{\"uptimeSeconds\":12.345,\"endpoints\":{"
                + "\"/receive\":{\"openConnections\":1,\"connectionsAccepted\":3,\"messagesReceived\":10,"
                + "\"bytesReceived\":420},"
                + "\"/echo\":{\"openConnections\":0,\"connectionsAccepted\":2,\"messagesReceived\":5,"
                + "\"bytesReceived\":100}},"
                + "\"sequences\":{\"senders\":2,\"missing\":3,\"duplicates\":1,\"resets\":4,\"forgotten\":5,"
                + "\"evicted\":6,\"expired\":7},"
                + "\"subprotocols\":{},"
                + "\"sender\":null}", json);
    }

    @Test
    void subprotocolsAreCountedByNameInNameOrder() {
        String json = StatusJson.write(new ServerStatus(Duration.ZERO, ENDPOINTS, SEQUENCES, null,
                java.util.Map.of("json", 2L, "chat", 5L)));
        assertTrue(json.contains(",\"subprotocols\":{\"chat\":5,\"json\":2},"), json);
    }

    @Test
    void withSenderItsStateTargetAndCountsAreIncluded() {
        SenderStatus sender = new SenderStatus(ConnectionState.READY, URI.create("ws://localhost:8080/wsprobe/receive"),
                5, 1);
        JsonObject json = parse(StatusJson.write(new ServerStatus(Duration.ZERO, ENDPOINTS, SEQUENCES, sender)));
        JsonObject written = json.getJsonObject("sender");
        assertEquals("ready", written.getString("state"));
        assertEquals("ws://localhost:8080/wsprobe/receive", written.getString("target"));
        assertEquals(5, written.getInt("sent"));
        assertEquals(1, written.getInt("sendFailures"));
        assertEquals("0.000", json.getJsonNumber("uptimeSeconds").toString());
    }

    @Test
    void uptimeIsAPlainDecimalHoweverLongTheServerRan() {
        String json = StatusJson.write(new ServerStatus(Duration.ofDays(400), ENDPOINTS, SEQUENCES, null));
        assertEquals("34560000.000", parse(json).getJsonNumber("uptimeSeconds").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"quote \" backslash \\ slash /", "new\nline\r\ttab\b\f", "nul \u0000 unit \u001f",
        "ünïcödé 🌍 \u2028\u2029", "failed(Handshake error: \"404\" C:\\path)"})
    void everyStringSurvivesAJsonParserUnchanged(String error) {
        SenderStatus sender = new SenderStatus(ConnectionState.failed(new Diagnosis(DiagnosisCode.TLS_FAILED, error, "")),
                URI.create("wss://example.test/x"), 0, 0);
        String json = StatusJson.write(new ServerStatus(Duration.ZERO, ENDPOINTS, SEQUENCES, sender));
        assertEquals("failed(" + error + ")", parse(json).getJsonObject("sender").getString("state"));
    }

    @Test
    void controlCharactersAreEscapedNotWrittenRaw() {
        StringBuilder out = new StringBuilder();
        StatusJson.string(out, "a\u0001b\nc\u2028\"\\");
        assertEquals("\"a\\u0001b\\nc\\u2028\\\"\\\\\"", out.toString());
    }

    private static JsonObject parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
