package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.EventSocket;
import jakarta.websocket.CloseReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.RejectedExecutionException;
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
            sendRefused(() -> offender.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[limit + 1])));

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
            sendRefused(() -> offender.session.getBasicRemote().sendText(text));
            assertEquals(CloseReason.CloseCodes.TOO_BIG, offender.awaitClose().getCloseCode());
        }
    }

    @FunctionalInterface
    private interface Send {
        void run() throws IOException;
    }

    /**
     * A blocking send of a message the server refuses. The server's 1009 may arrive while the send is still
     * writing: Tyrus' client then closes the connection and, its transport being the connection's own (not
     * shared), shuts that transport's thread pool down (GrizzlyClientFilter's writer calls
     * {@code getTransport().shutdownNow()}), so the rest of the send is rejected with
     * RejectedExecutionException, or fails with an IOException. The close code the test awaits next is what
     * the server promised, either way.
     */
    private static void sendRefused(Send send) {
        try {
            send.run();
        } catch (IOException | RejectedExecutionException e) {
            // the close that follows says why
        }
    }
}
