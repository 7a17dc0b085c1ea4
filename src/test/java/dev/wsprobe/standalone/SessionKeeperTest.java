package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.wsprobe.server.SessionKeeper;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.wire.Frame;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The server's idle timeout and dead-peer detection, against real clients. */
class SessionKeeperTest {
    private static StandaloneServer start(SessionKeeper keeper) throws Exception {
        return StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withConfig(config -> config.withKeeper(keeper)));
    }

    @Test
    void aSilentConnectionIsClosedWith1001AfterTheIdleTimeout() throws Exception {
        try (StandaloneServer server = start(new SessionKeeper(Duration.ofMillis(400), Duration.ZERO, Duration.ZERO))) {
            JdkSocket client = JdkSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + "/receive"), null);
            JdkSocket.Close close = client.nextClose();
            assertEquals(1001, close.code());
            assertEquals("idle for 0.4 s", close.reason());
        }
    }

    @Test
    void aPeerThatNeverAnswersPingsIsClosedAsGone() throws Exception {
        try (StandaloneServer server = start(new SessionKeeper(Duration.ZERO, Duration.ofMillis(200),
                Duration.ofMillis(300)));
                RawWebSocket deaf = RawWebSocket.upgraded(
                        URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
            Frame ping = deaf.read(Duration.ofSeconds(10));
            assertEquals(RawWebSocket.PING, ping.opcode(), "the server pings a quiet peer");
            Frame close = deaf.awaitClose();
            assertEquals(1001, close.closeCode());
            assertEquals("no pong within 0.3 s: the peer is gone", close.closeReason());
        }
    }

    @Test
    void aPeerThatAnswersPingsStaysOpen() throws Exception {
        // pings every 100 ms; the pong may take up to 3 s, generous for a loaded machine
        try (StandaloneServer server = start(new SessionKeeper(Duration.ZERO, Duration.ofMillis(100),
                Duration.ofSeconds(3)))) {
            // the JDK client answers pings by itself
            JdkSocket client = JdkSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), null);
            assertNull(client.closes.poll(1500, TimeUnit.MILLISECONDS), "several ping rounds and no close");
            client.sendText("still here");
            assertEquals("still here", client.nextText());
        }
    }
}
