package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.wire.Frame;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RFC 6455 violations from a hand-made client: each gets the close code the RFC asks for, and the server keeps
 * serving a well-behaved client afterwards.
 */
class ProtocolViolationsTest {
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final byte[] INVALID_UTF8 = {(byte) 0xC3, (byte) 0x28};

    @RegisterExtension
    static final WsprobeServerExtension SERVER = WsprobeServerExtension.builder().build();
    private final URI echo = SERVER.echoUrl();

    @AfterEach
    void serverStillServesOthers() throws Exception {
        JdkSocket bystander = JdkSocket.connect(echo, null);
        bystander.sendText("still serving");
        assertEquals("still serving", bystander.nextText());
        bystander.closeNormally();
    }

    private int closeCodeAfter(FrameSender violation) throws Exception {
        try (RawWebSocket client = RawWebSocket.upgraded(echo)) {
            violation.send(client);
            Frame close = client.awaitClose();
            return close.closeCode();
        }
    }

    @FunctionalInterface
    private interface FrameSender {
        void send(RawWebSocket client) throws Exception;
    }

    /**
     * RFC 6455 section 5.1: the server MUST close on an unmasked client frame. Tyrus 2.2.2 alone reads it as if
     * masked with a zero key and carries on; the standalone host's frame guard closes with 1002 before Tyrus sees it.
     */
    @Test
    void unmaskedClientFrameClosesWith1002() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> c.sendFrame(true, 0, RawWebSocket.TEXT, false, HELLO)));
    }

    @Test
    void reservedBitsWithoutExtension() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> c.sendFrame(true, 0b100, RawWebSocket.TEXT, true, HELLO)));
    }

    @Test
    void reservedOpcode() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> c.sendFrame(true, 0, 0x3, true, HELLO)));
        assertEquals(1002, closeCodeAfter(c -> c.sendFrame(true, 0, 0xB, true, HELLO)));
    }

    @Test
    void controlFrameOver125Bytes() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> c.sendFrame(true, 0, RawWebSocket.PING, true, new byte[126])));
    }

    @Test
    void fragmentedControlFrame() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> c.sendFrame(false, 0, RawWebSocket.PING, true, HELLO)));
    }

    @Test
    void continuationWithoutStart() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> c.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, HELLO)));
    }

    @Test
    void newMessageInsideAFragmentedOne() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> {
            c.sendFrame(false, 0, RawWebSocket.TEXT, true, HELLO);
            c.sendFrame(true, 0, RawWebSocket.TEXT, true, HELLO);
        }));
    }

    @Test
    void invalidUtf8InATextMessage() throws Exception {
        assertEquals(1007, closeCodeAfter(c -> c.send(RawWebSocket.TEXT, INVALID_UTF8)));
    }

    @Test
    void invalidUtf8SplitAcrossFragments() throws Exception {
        assertEquals(1007, closeCodeAfter(c -> {
            c.sendFrame(false, 0, RawWebSocket.TEXT, true, new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x82});
            c.sendFrame(true, 0, RawWebSocket.CONTINUATION, true, new byte[] {(byte) 0x28});
        }));
    }

    @Test
    void invalidCloseCode() throws Exception {
        assertEquals(1002, closeCodeAfter(c -> c.send(RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xEC})));
    }

    @Test
    void invalidUtf8InCloseReason() throws Exception {
        // RFC 6455 section 8.1: a close reason is UTF-8 text; the README promises 1007, as for a text message
        assertEquals(1007, closeCodeAfter(c -> c.send(RawWebSocket.CLOSE,
                new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, (byte) 0x28})));
    }

    @Test
    void messageOverTheLimit() throws Exception {
        assertEquals(1009, closeCodeAfter(c -> c.send(RawWebSocket.BINARY, new byte[64 * 1024 + 1])));
    }
}
