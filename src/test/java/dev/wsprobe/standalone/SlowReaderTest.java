package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.LogCapture;
import dev.wsprobe.testing.RawWebSocket;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A client that sends to /echo and never reads is closed (1008) instead of growing the server's memory. */
class SlowReaderTest {
    @Test
    void aClientThatNeverReadsIsClosedAndOthersAreStillServed() throws Exception {
        try (LogCapture log = new LogCapture();
                StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withConfig(config -> config.withMaxOutgoingBytes(256 * 1024)))) {
            URI echo = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
            long acceptedBefore = server.context().echo().snapshot().connectionsAccepted();
            try (RawWebSocket neverReads = RawWebSocket.upgraded(echo)) {
                Await.until(() -> server.context().echo().snapshot().openConnections() == 1, "the connection");
                // writes block once the server stops reading this connection, so they get a thread of their own;
                // closing the socket at the end unblocks it
                Thread flood = new Thread(() -> {
                    byte[] chunk = new byte[32 * 1024];
                    try {
                        for (int i = 0; i < 1024; i++) { // 32 MiB: far more than socket buffers and the bound
                            neverReads.send(RawWebSocket.BINARY, chunk);
                        }
                    } catch (IOException e) {
                        // the server gave up on us, or the test closed the socket: either ends the flood
                    }
                }, "slow-reader-flood");
                flood.setDaemon(true);
                flood.start();
                Await.until(() -> server.context().echo().snapshot().openConnections() == 0,
                        "the slow reader to be closed");
                // The code the server closed with, from its own close report. Not read from the wire: this client
                // left the server's input unread, so the server's TCP close is a reset, and a reset drops what
                // the server's kernel still held for us (the echoes waiting, then the close frame).
                String closed = log.await(line -> line.contains("connection did close"), "the server's close");
                assertTrue(closed.contains("code: 1008 (violated policy), reason: slow reader: more than "), closed);
            }
            JdkSocket other = JdkSocket.connect(echo, null);
            other.sendText("fine");
            assertEquals("fine", other.nextText());
            other.closeNormally();
            assertEquals(acceptedBefore + 2, server.context().echo().snapshot().connectionsAccepted());
        }
    }
}
