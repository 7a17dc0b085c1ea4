package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A host's {@code /status} JSON as read by a client over HTTP, with the shape checked on the way in. */
public record StatusDocument(JsonObject json) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** One endpoint's counters. */
    public record Counts(int openConnections, long connectionsAccepted, long messagesReceived, long bytesReceived) {
    }

    public static StatusDocument read(URI status) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(status).timeout(Await.PATIENCE).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET " + status + ": " + response.body());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), "GET " + status + " Content-Type: " + type);
        try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
            return new StatusDocument(reader.readObject());
        }
    }

    /** Reads the document without checked exceptions, for conditions polled by {@link Await#until}. */
    public static StatusDocument readQuietly(URI status) {
        try {
            return read(status);
        } catch (Exception e) {
            throw new IllegalStateException("GET " + status + " failed: " + e, e);
        }
    }

    public double uptimeSeconds() {
        return json.getJsonNumber("uptimeSeconds").doubleValue();
    }

    public Counts endpoint(String path) {
        JsonObject endpoint = json.getJsonObject("endpoints").getJsonObject(path);
        return new Counts(number(endpoint, "openConnections").intValueExact(),
                number(endpoint, "connectionsAccepted").longValueExact(),
                number(endpoint, "messagesReceived").longValueExact(),
                number(endpoint, "bytesReceived").longValueExact());
    }

    /** The sender object, or null when the host runs no sender. */
    public JsonObject sender() {
        JsonValue sender = json.get("sender");
        return sender == null || sender.getValueType() == JsonValue.ValueType.NULL ? null : sender.asJsonObject();
    }

    private static JsonNumber number(JsonObject object, String name) {
        return object.getJsonNumber(name);
    }
}
