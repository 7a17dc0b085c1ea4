package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.testing.InteropCase;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.LogCapture;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.wire.Frame;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The wsprobe server against frames written by hand, for what no client library lets a test send: characters
 * whose UTF-8 bytes are split across fragments. Also ping and close at the frame level.
 */
class RawFrameInteropTest {
    private static final InteropPair PAIR = InteropPair.RAW_TO_WSPROBE;
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);

    @BeforeAll
    static void start() {
        InteropResults.startPair(PAIR);
    }

    private RawWebSocket connect(boolean secure) throws Exception {
        SSLContext trust = secure ? server.clientTrust() : null;
        RawWebSocket socket = RawWebSocket.connect(server.url(secure, "/echo"), trust, Map.of());
        assertEquals(101, socket.handshake().status(), "upgrade accepted");
        return socket;
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void charactersSplitAcrossFragmentsAreReassembled(boolean secure) throws Exception {
        // € is E2 82 AC, 🎉 is F0 9F 8E 89: cut both in the middle of their bytes
        String text = "price: €, party: 🎉!";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int inEuro = "price: ".getBytes(StandardCharsets.UTF_8).length + 1;
        int inParty = "price: €, party: ".getBytes(StandardCharsets.UTF_8).length + 2;
        try (RawWebSocket socket = connect(secure)) {
            socket.send(false, RawWebSocket.TEXT, Arrays.copyOfRange(utf8, 0, inEuro));
            socket.send(false, RawWebSocket.CONTINUATION, Arrays.copyOfRange(utf8, inEuro, inParty));
            socket.send(true, RawWebSocket.CONTINUATION, Arrays.copyOfRange(utf8, inParty, utf8.length));

            Frame echo = socket.readMessage();
            assertEquals(RawWebSocket.TEXT, echo.opcode());
            assertEquals(text, echo.text());
            InteropResults.passed(PAIR, InteropCase.UTF8_SPLIT, secure);
        }
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void pingIsAnsweredWithItsPayloadAndCloseIsAnsweredWithItsCode(boolean secure) throws Exception {
        byte[] payload = new byte[125]; // the largest a control frame may carry
        Arrays.fill(payload, (byte) 0x5A);
        try (LogCapture log = new LogCapture(); RawWebSocket socket = connect(secure)) {
            socket.send(true, RawWebSocket.PING, payload);
            Frame pong = socket.read();
            assertEquals(RawWebSocket.PONG, pong.opcode());
            assertArrayEquals(payload, pong.payload());
            InteropResults.passed(PAIR, InteropCase.PING, secure);

            String reason = "raw bye " + (secure ? "wss" : "ws");
            socket.sendClose(4000, reason);
            Frame close = socket.read();
            assertEquals(RawWebSocket.CLOSE, close.opcode());
            assertEquals(4000, close.closeCode());
            log.await(line -> line.contains("connection did close, code: 4000, reason: " + reason),
                    "the server's close line");
            InteropResults.passed(PAIR, InteropCase.CLIENT_CLOSE, secure);
        }
    }
}
