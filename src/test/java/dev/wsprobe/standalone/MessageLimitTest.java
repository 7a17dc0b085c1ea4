package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.EventSocket;
import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message over the limit closes its own session with 1009 and a reason; other sessions go on. */
class MessageLimitTest {
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);

    @ParameterizedTest(name = "endpoint {0}")
    @ValueSource(strings = {"/echo", "/receive"})
    void overLimitClosesThatSessionWith1009AndLeavesOthersOpen(String path) throws Exception {
        EventSocket offender = new EventSocket();
        EventSocket bystander = new EventSocket();
        try (TyrusClientConnector first = server.connect(offender, server.ws(path));
                TyrusClientConnector second = server.connect(bystander, server.ws("/echo"))) {
            int limit = server.context().config().maxMessageBytes();
            sendWhileTheServerMayClose(() -> offender.session.getBasicRemote()
                    .sendBinary(ByteBuffer.wrap(new byte[limit + 1])));

            CloseReason reason = offender.awaitClose();
            assertEquals(CloseReason.CloseCodes.TOO_BIG, reason.getCloseCode());
            assertFalse(reason.getReasonPhrase().isBlank(), "a 1009 close carries a reason");

            assertTrue(bystander.session.isOpen(), "the other session stays open");
            bystander.session.getBasicRemote().sendText("still here");
            assertEquals("still here", bystander.nextText());
        }
    }

    @ParameterizedTest(name = "endpoint {0}")
    @ValueSource(strings = {"/echo", "/receive"})
    void overLimitTextIsMeasuredInUtf8Bytes(String path) throws Exception {
        EventSocket offender = new EventSocket();
        try (TyrusClientConnector client = server.connect(offender, server.ws(path))) {
            // under the limit in chars, over it in UTF-8 bytes (two bytes each)
            String text = "é".repeat(server.context().config().maxMessageBytes() / 2 + 1);
            sendWhileTheServerMayClose(() -> offender.session.getBasicRemote().sendText(text));
            assertEquals(CloseReason.CloseCodes.TOO_BIG, offender.awaitClose().getCloseCode());
        }
    }

    /** A blocking send the server may answer before it completes. */
    @FunctionalInterface
    private interface Send {
        void run() throws Exception;
    }

    /**
     * Sends, allowing the send itself to fail: the server refuses an oversized message from its frame header and
     * closes while the rest is still going out, and Tyrus' client then fails the blocking send (an IOException,
     * or a RejectedExecutionException from the closed session's idle timer). What the test asserts is the close.
     */
    private static void sendWhileTheServerMayClose(Send send) throws Exception {
        try {
            send.run();
        } catch (java.io.IOException | java.util.concurrent.RejectedExecutionException closedWhileSending) {
            // the close that follows says why
        }
    }
}
