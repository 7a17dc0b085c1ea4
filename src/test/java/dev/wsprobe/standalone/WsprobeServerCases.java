package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.testing.EchoCases;
import dev.wsprobe.testing.EchoClient;
import dev.wsprobe.testing.InteropCase;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.LogCapture;

/** The close cases against wsprobe's server, whose side of a close is what it logs. */
final class WsprobeServerCases {
    static final int CLIENT_CLOSE_CODE = 4000;

    private WsprobeServerCases() {
    }

    /** The client closes with 4000 and a reason: the server logs both, and answers with the same code. */
    static void clientCloses(EchoClient client, LogCapture log, InteropPair pair, boolean secure) throws Exception {
        String reason = "bye from " + pair.name().toLowerCase(java.util.Locale.ROOT) + (secure ? " wss" : " ws");
        client.close(CLIENT_CLOSE_CODE, reason);
        log.await(line -> line.contains("connection did close, code: " + CLIENT_CLOSE_CODE + ", reason: " + reason),
                "the server's close line with the client's code and reason");
        assertEquals(CLIENT_CLOSE_CODE, client.awaitClose().code(), "the server answers the close with its code");
        InteropResults.passed(pair, InteropCase.CLIENT_CLOSE, secure);
    }

    /** One byte over the limit: the server closes with 1009 and a reason naming the sizes; the client sees both. */
    static void serverClosesOverLimit(EchoClient client, InteropPair pair, boolean secure) throws Exception {
        int tooBig = ServerConfig.DEFAULT_MAX_MESSAGE_BYTES + 1;
        client.sendText(EchoCases.asciiText(tooBig));
        EchoClient.CloseSeen close = client.awaitClose();
        assertEquals(1009, close.code());
        // Two places may say it first: wsprobe's own check ("message too big: 65537 bytes, limit 65536") or,
        // when the message reached Tyrus in several reads, Tyrus' buffer check ("Too big."). Either way a reason.
        assertTrue(close.reason().equals("message too big: " + tooBig + " bytes, limit "
                + ServerConfig.DEFAULT_MAX_MESSAGE_BYTES) || close.reason().equals("Too big."),
                "a 1009 close with a reason, got: " + close.reason());
        InteropResults.passed(pair, InteropCase.SERVER_CLOSE, secure);
    }
}
