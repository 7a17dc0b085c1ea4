package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.PlainHttp;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.wire.Frame;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Once a connection is upgraded the server keeps no HTTP request for it (Grizzly's codec alone would keep the
 * parsed upgrade request, about 9.5 KiB, for the connection's life), and the connection still echoes whatever
 * it is sent, while plain HTTP on the same listeners (the status page, the request echo) is unchanged.
 */
class UpgradedConnectionsTest {
    private final TestPki pki = new TestPki();

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void upgradeRequestIsLetGoWhileTheConnectionEchoes(boolean secure) throws Exception {
        UpgradeProbe seen = new UpgradeProbe();
        ServerOptions options = ServerOptions.plain("127.0.0.1", 0)
                .withTls(0, pki.serverContext(pki.serverIdentity("localhost", "127.0.0.1")));
        try (StandaloneServer server = StandaloneServer.start(options, MessageJournal.Limits.DEFAULT,
                List.of(seen.addOn()))) {
            int port = secure ? server.tlsPort().orElseThrow() : server.port();
            URI echo = URI.create((secure ? "wss" : "ws") + "://localhost:" + port + "/echo");
            try (RawWebSocket socket = RawWebSocket.connect(echo, secure ? pki.trustingClientContext() : null,
                    Map.of())) {
                assertEquals(101, socket.handshake().status());
                assertEchoed(socket, Frame.TEXT, "Hello Cruel World".getBytes(StandardCharsets.UTF_8));

                assertNotNull(seen.connection, "the probe saw the upgrade request");
                assertNull(seen.connection.getAttributes().getAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME),
                        "Grizzly's codec no longer holds the upgrade request for the connection");
                Await.until(() -> {
                    System.gc();
                    return seen.request.get() == null;
                }, "the upgrade request to be collected while its connection is open");

                // frames go on arriving and coming back: small and large ones (several reads), text and binary
                byte[] large = new byte[64 * 1024];
                new Random(7).nextBytes(large);
                assertEchoed(socket, Frame.BINARY, large);
                assertEchoed(socket, Frame.TEXT, "Grüße 🌍".repeat(5000).getBytes(StandardCharsets.UTF_8));
                assertEchoed(socket, Frame.TEXT, "last".getBytes(StandardCharsets.UTF_8));

                // plain HTTP next to it, on the same listeners: parsed by the codec as ever
                URI plain = URI.create("http://127.0.0.1:" + server.port());
                PlainHttp.Response status = PlainHttp.exchange(plain, "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n");
                assertEquals(200, status.status());
                assertTrue(status.body().contains("\"/echo\""), status.body());
                PlainHttp.Response requestEcho = PlainHttp.exchange(plain, "GET /echo?x=1 HTTP/1.1\r\n"
                        + "Host: 127.0.0.1\r\nX-Probe: upgraded-connections\r\nConnection: close\r\n\r\n");
                assertEquals(200, requestEcho.status());
                assertTrue(requestEcho.body().contains("upgraded-connections"), requestEcho.body());

                socket.sendClose(1000, "done");
                assertEquals(1000, socket.awaitClose().closeCode());
            }
        }
    }

    private static void assertEchoed(RawWebSocket socket, int opcode, byte[] payload) throws IOException {
        socket.send(opcode, payload);
        Frame echoed = socket.readMessage();
        assertEquals(opcode, echoed.opcode());
        assertArrayEquals(payload, echoed.payload());
    }
}
