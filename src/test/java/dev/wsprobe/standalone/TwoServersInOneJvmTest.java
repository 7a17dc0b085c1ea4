package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RawWebSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two servers with different settings in one JVM at the same time, each enforcing its own: nothing of a
 * server's configuration or counters is JVM-wide.
 */
class TwoServersInOneJvmTest {
    private static final String FOREIGN_PAGE = "http://tools.example.test";

    @Test
    void eachServerEnforcesItsOwnMessageLimitAndOriginsAndCountsItsOwnTraffic() throws Exception {
        ServerConfig strict = ServerConfig.DEFAULT.withMaxMessageBytes(1024);
        ServerConfig open = ServerConfig.DEFAULT.withMaxMessageBytes(64 * 1024)
                .withAllowedOrigins(AllowedOrigins.parse(FOREIGN_PAGE));
        try (StandaloneServer small = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withConfig(strict));
                StandaloneServer large = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withConfig(open))) {
            String twoKib = "x".repeat(2048);

            JdkSocket toLarge = JdkSocket.connect(echo(large), null);
            toLarge.sendText(twoKib);
            assertEquals(twoKib, toLarge.nextText(), "64 KiB limit: 2 KiB is echoed");
            toLarge.closeNormally();

            JdkSocket toSmall = JdkSocket.connect(echo(small), null);
            toSmall.sendText(twoKib);
            assertEquals(1009, toSmall.nextClose().code(), "1 KiB limit: 2 KiB closes with 1009");

            assertEquals(101, upgradeFrom(FOREIGN_PAGE, large), "the page is listed on this server");
            assertEquals(403, upgradeFrom(FOREIGN_PAGE, small), "and not on this one");

            // the raw upgrade's session may open on the server just after the client read its 101
            Await.until(() -> large.context().echo().snapshot().connectionsAccepted() == 2,
                    "the large server to count its two connections");
            assertEquals(1, large.context().echo().snapshot().messagesReceived());
            assertEquals(0, small.context().echo().snapshot().messagesReceived(), "the refused message is not counted");
            assertEquals(1, small.context().echo().snapshot().connectionsAccepted(), "the 403 opened no session");
        }
    }

    private static URI echo(StandaloneServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    private static int upgradeFrom(String origin, StandaloneServer server) throws Exception {
        try (RawWebSocket socket = RawWebSocket.connect(echo(server), null, Map.of("Origin", origin))) {
            return socket.handshake().status();
        }
    }
}
