package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.server.ConnectionLimits;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection limits answered in HTTP at the handshake, and slow clients cut off by a timer. */
class ConnectionLimitsTest {
    private static StandaloneServer start(ConnectionLimits limits) throws Exception {
        return StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withConfig(config -> config.withLimits(limits)));
    }

    private static URI echo(StandaloneServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @Test
    void aFullServerAnswers503UntilAConnectionCloses() throws Exception {
        try (StandaloneServer server = start(new ConnectionLimits(2, 0, Duration.ofSeconds(10)))) {
            JdkSocket first = JdkSocket.connect(echo(server), null);
            JdkSocket second = JdkSocket.connect(echo(server), null);
            try (RawWebSocket third = RawWebSocket.open(echo(server))) {
                String response = third.request(RawWebSocket.upgradeRequest(echo(server)));
                assertTrue(response.startsWith("HTTP/1.1 503 the server is full (2 connections)"), response);
                assertTrue(response.contains("\r\nRetry-After: 5\r\n"), response);
            }
            first.closeNormally();
            Await.until(() -> server.openWebSocketConnections() < 2, "the closed connection to be released");
            JdkSocket again = JdkSocket.connect(echo(server), null);
            again.sendText("room again");
            assertEquals("room again", again.nextText());
            second.closeNormally();
            again.closeNormally();
        }
    }

    @Test
    void oneAddressGets429BeyondItsShareWhileAnotherAddressIsServed() throws Exception {
        try (StandaloneServer server = start(new ConnectionLimits(0, 1, Duration.ofSeconds(10)))) {
            URI target = echo(server);
            try (RawWebSocket first = RawWebSocket.openFrom(target, InetAddress.getByName("127.0.0.1"));
                    RawWebSocket second = RawWebSocket.openFrom(target, InetAddress.getByName("127.0.0.1"));
                    RawWebSocket other = RawWebSocket.openFrom(target, InetAddress.getByName("127.0.0.2"))) {
                assertTrue(first.request(RawWebSocket.upgradeRequest(target)).startsWith("HTTP/1.1 101"));
                String refused = second.request(RawWebSocket.upgradeRequest(target));
                assertTrue(refused.startsWith("HTTP/1.1 429 too many connections from 127.0.0.1 (1)"), refused);
                assertTrue(refused.contains("\r\nRetry-After: 5\r\n"), refused);
                assertTrue(other.request(RawWebSocket.upgradeRequest(target)).startsWith("HTTP/1.1 101"));
            }
        }
    }

    @Test
    void clientsThatNeverFinishTheirRequestAreClosedOnTimeAndDoNotStarveOthers() throws Exception {
        // 3 s: long enough for the honest client's handshake on a busy machine, short enough for the test
        try (StandaloneServer server = start(new ConnectionLimits(0, 0, Duration.ofSeconds(3)))) {
            URI target = echo(server);
            List<RawWebSocket> slowloris = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    RawWebSocket slow = RawWebSocket.open(target);
                    slow.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: web"); // and never more
                    slowloris.add(slow);
                }
                JdkSocket honest = JdkSocket.connect(target, null);
                honest.sendText("served while 50 connections dawdle");
                assertEquals("served while 50 connections dawdle", honest.nextText());
                for (RawWebSocket slow : slowloris) {
                    assertTrue(slow.closedByServerWithin(Duration.ofSeconds(15)), "a dawdling connection stays open");
                }
                assertEquals("still here", echoOnce(honest, "still here"), "the upgraded connection is not cut");
            } finally {
                for (RawWebSocket slow : slowloris) {
                    slow.close();
                }
            }
        }
    }

    private static String echoOnce(JdkSocket client, String text) throws Exception {
        client.sendText(text);
        return client.nextText();
    }
}
