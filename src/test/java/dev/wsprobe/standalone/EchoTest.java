package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.testing.EventSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /echo sends back exactly what it got, text as text and binary as binary, over ws and wss. */
class EchoTest {
    private static final int KIB_64 = 64 * 1024;
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void textAndBinaryComeBackByteExact(boolean secure) throws Exception {
        EventSocket socket = new EventSocket();
        try (TyrusClientConnector client = server.connect(socket, server.url(secure, "/echo"))) {
            String multiByte = "Grüße, Здравствуйте, こんにちは, 🌍🚀 ".repeat(100);
            String ascii64k = "x".repeat(KIB_64);
            byte[] binary = new byte[KIB_64];
            new Random(42).nextBytes(binary);

            socket.session.getBasicRemote().sendText("Hello Cruel World");
            assertEquals("Hello Cruel World", socket.nextText());

            socket.session.getBasicRemote().sendText(multiByte);
            String echoed = socket.nextText();
            assertArrayEquals(multiByte.getBytes(StandardCharsets.UTF_8), echoed.getBytes(StandardCharsets.UTF_8));

            socket.session.getBasicRemote().sendText(ascii64k);
            assertEquals(ascii64k, socket.nextText());

            socket.session.getBasicRemote().sendBinary(ByteBuffer.wrap(binary));
            assertArrayEquals(binary, socket.nextBinary());

            socket.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[0]));
            assertArrayEquals(new byte[0], socket.nextBinary());

            // echoes come back in order: anything beyond them would arrive before the echo of a last marker
            socket.session.getBasicRemote().sendText("last");
            assertEquals("last", socket.nextText(), "nothing beyond the echoes, before the last one");
            assertEquals(0, socket.texts.size() + socket.binaries.size(), "nothing beyond the echoes");
            socket.session.close();
            assertEquals(1000, socket.awaitClose().getCloseCode().getCode());
        }
    }
}
