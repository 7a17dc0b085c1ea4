package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.wire.Frame;
import java.lang.reflect.Field;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.ssl.SSLConnectionContext;
import org.glassfish.grizzly.ssl.SSLUtils;
import org.junit.jupiter.api.Test;

/**
 * What the standalone server does about Grizzly's TLS output buffers (16-33 KiB each): an idle wss connection
 * keeps none once it is upgraded, and the buffers given back to Grizzly's pool after each write never mix up
 * two writes, also when writes have to wait for a client that does not read.
 */
class TlsBuffersTest {
    private final TestPki pki = new TestPki();

    @Test
    void anIdleUpgradedConnectionKeepsNoTlsOutputBuffer() throws Exception {
        UpgradeProbe probe = new UpgradeProbe();
        try (StandaloneServer server = start(probe);
                RawWebSocket socket = RawWebSocket.connect(wss(server), pki.trustingClientContext(), Map.of())) {
            assertEquals(101, socket.handshake().status());
            assertNotNull(probe.connection, "the probe saw the upgrade request");
            // Grizzly keeps the buffer of the connection's last encryption in a field nothing public reads or
            // clears; this test reads it to see that the server's workaround (a fresh context once the 101 is
            // out) holds with the Grizzly in use
            Await.until(() -> lastOutputBuffer(probe.connection) == null,
                    "the TLS context to hold no output buffer once the 101 is out");
        }
    }

    @Test
    void echoesStayByteExactWhileWritesWaitForAClientThatDoesNotRead() throws Exception {
        try (StandaloneServer server = start(new UpgradeProbe());
                RawWebSocket socket = RawWebSocket.connect(wss(server), pki.trustingClientContext(), Map.of())) {
            assertEquals(101, socket.handshake().status());
            // small and large messages (the copy-on-queue step treats those under half a TLS record differently),
            // all sent before any echo is read: the server's writes queue up behind a full socket
            Random random = new Random(16);
            List<byte[]> sent = new ArrayList<>();
            int total = 0;
            while (total < 700_000) {
                byte[] payload = new byte[random.nextBoolean() ? 1 + random.nextInt(4000) : 9000 + random.nextInt(40_000)];
                random.nextBytes(payload);
                socket.send(Frame.BINARY, payload);
                sent.add(payload);
                total += payload.length;
            }
            for (byte[] payload : sent) {
                Frame echoed = socket.readMessage();
                assertEquals(Frame.BINARY, echoed.opcode());
                assertArrayEquals(payload, echoed.payload(), "echo of a " + payload.length + "-byte message");
            }
        }
    }

    private StandaloneServer start(UpgradeProbe probe) throws Exception {
        ServerOptions options = ServerOptions.plain("127.0.0.1", 0)
                .withTls(0, pki.serverContext(pki.serverIdentity("localhost", "127.0.0.1")));
        return StandaloneServer.start(options, MessageJournal.Limits.DEFAULT, List.of(probe.addOn()));
    }

    private static URI wss(StandaloneServer server) {
        return URI.create("wss://localhost:" + server.tlsPort().orElseThrow() + "/echo");
    }

    private static Object lastOutputBuffer(Connection<?> connection) {
        try {
            SSLConnectionContext context = SSLUtils.getSslConnectionContext(connection);
            Field field = SSLConnectionContext.class.getDeclaredField("lastOutputBuffer");
            field.setAccessible(true);
            return field.get(context);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("Grizzly's SSLConnectionContext changed: " + e, e);
        }
    }
}
