package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ReceiverStatusTest {
    private static final String STATUS = "{\"uptimeSeconds\":12.5,\"endpoints\":{"
            + "\"/receive\":{\"openConnections\":3,\"connectionsAccepted\":7,\"messagesReceived\":1234,\"bytesReceived\":64168},"
            + "\"/echo\":{\"openConnections\":0,\"connectionsAccepted\":1,\"messagesReceived\":5,\"bytesReceived\":260}}}";

    @Test
    void theStatusUrlIsTheTargetsServerWithStatusInPlaceOfTheEndpoint() {
        assertEquals(URI.create("http://127.0.0.1:12345/status"),
                ReceiverStatus.statusUrlFor(URI.create("ws://127.0.0.1:12345/receive")));
        assertEquals(URI.create("https://localhost:8443/wsprobe/status"),
                ReceiverStatus.statusUrlFor(URI.create("wss://localhost:8443/wsprobe/receive?x=1")));
    }

    @Test
    void theCountIsTheTargetEndpoints() {
        assertEquals(OptionalLong.of(1234), ReceiverStatus.countFor(STATUS, "/receive"));
        assertEquals(OptionalLong.of(5), ReceiverStatus.countFor(STATUS, "/echo"));
    }

    @Test
    void anApplicationsContextPathIsNotPartOfTheStatusKey() {
        assertEquals(OptionalLong.of(1234), ReceiverStatus.countFor(STATUS, "/wsprobe/receive"));
    }

    @Test
    void anUnknownEndpointHasNoCount() {
        assertEquals(OptionalLong.empty(), ReceiverStatus.countFor(STATUS, "/other"));
        assertEquals(OptionalLong.empty(), ReceiverStatus.countFor("<html>not json</html>", "/receive"));
    }
}
