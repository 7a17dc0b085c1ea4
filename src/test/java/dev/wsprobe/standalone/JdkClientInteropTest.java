package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.EchoCases;
import dev.wsprobe.testing.InteropCase;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.JdkEchoClient;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.LogCapture;
import dev.wsprobe.testing.ReceivedMessages;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CompletionException;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JDK's java.net.http WebSocket client against the standalone server's receiver and echo, ws and wss: text,
 * binary, frame-length boundaries, fragments, ping/pong and close codes both ways.
 */
class JdkClientInteropTest {
    private static final InteropPair PAIR = InteropPair.JDK_TO_WSPROBE;
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);

    @BeforeAll
    static void start() {
        InteropResults.startPair(PAIR);
    }

    private SSLContext trust(boolean secure) {
        return secure ? server.clientTrust() : null;
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void receiverCountsTextAndBinaryInBytes(boolean secure) throws Exception {
        try (ReceivedMessages received = new ReceivedMessages(server.context().receiver())) {
            JdkSocket client = JdkSocket.connect(server.url(secure, "/receive"), trust(secure));
            String text = "Hello Cruel World 2026-11-26T00:00:00.000Z — ünïcödé";
            client.sendText(text);
            client.sendBinary(new byte[1000]);

            ReceivedMessages.Message first = received.next();
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, first.sizeBytes());
            assertEquals(false, first.binary());
            ReceivedMessages.Message second = received.next();
            assertEquals(1000, second.sizeBytes());
            assertEquals(true, second.binary());

            assertEquals(1000, client.closeNormally().code());
        }
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void echoReturnsTextBinaryFragmentsAndPongs(boolean secure) throws Exception {
        JdkSocket client = JdkSocket.connect(server.url(secure, "/echo"), trust(secure));

        String multiByte = "日本語のテキスト and émojis 🎉".repeat(500);
        client.sendText(multiByte);
        assertEquals(multiByte, client.nextText());

        byte[] binary = new byte[64 * 1024];
        new Random(7).nextBytes(binary);
        client.sendBinary(binary);
        assertArrayEquals(binary, client.nextBinary());

        // one message sent as three frames comes back as one message
        client.webSocket.sendText("frag-1 ", false).join();
        client.webSocket.sendText("frag-2 ☃", false).join();
        client.webSocket.sendText(" frag-3", true).join();
        assertEquals("frag-1 frag-2 ☃ frag-3", client.nextText());

        client.webSocket.sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8))).join();
        ByteBuffer pong = Await.next(client.pongs, "the pong");
        assertEquals("are you there", StandardCharsets.UTF_8.decode(pong).toString());

        JdkSocket.Close close = client.closeNormally();
        assertEquals(1000, close.code());
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void messagesAtFrameLengthBoundariesFragmentsPingAndClientClose(boolean secure) throws Exception {
        try (LogCapture log = new LogCapture()) {
            JdkEchoClient client = new JdkEchoClient(JdkSocket.connect(server.url(secure, "/echo"), trust(secure)));
            EchoCases.boundarySizes(client, PAIR, secure);
            EchoCases.fragments(client, PAIR, secure);
            EchoCases.ping(client, PAIR, secure);
            WsprobeServerCases.clientCloses(client, log, PAIR, secure);
        }
    }

    /**
     * The JDK's client offers two subprotocols, sees the first and gets its echo. It has no permessage-deflate:
     * its builder refuses the header that would offer it, so the matrix has no compression row for it.
     */
    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void seesItsFirstSubprotocolButCannotOfferCompression(boolean secure) throws Exception {
        JdkSocket client = JdkSocket.connect(server.url(secure, "/echo"), trust(secure), "wsprobe.jdk", "other");
        assertEquals("wsprobe.jdk", client.webSocket.getSubprotocol());
        client.sendText("with a subprotocol");
        assertEquals("with a subprotocol", client.nextText());
        InteropResults.passed(PAIR, InteropCase.SUBPROTOCOL, secure);
        assertEquals(1000, client.closeNormally().code());

        CompletionException refused = assertThrows(CompletionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().header("Sec-WebSocket-Extensions", "permessage-deflate")
                .buildAsync(server.url(secure, "/echo"), new JdkSocket()).join());
        assertEquals("Illegal header: Sec-WebSocket-Extensions", refused.getCause().getMessage());
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void serverClosesWith1009AndReasonOverTheLimit(boolean secure) throws Exception {
        JdkEchoClient client = new JdkEchoClient(JdkSocket.connect(server.url(secure, "/echo"), trust(secure)));
        WsprobeServerCases.serverClosesOverLimit(client, PAIR, secure);
    }
}
