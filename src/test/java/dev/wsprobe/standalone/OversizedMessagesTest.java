package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The message size limit is enforced where the bytes arrive: a frame announcing more than the limit, or a
 * fragmented message adding up to more, is closed with 1009 from its header, before its payload is buffered; and
 * a limit above Tyrus' own 4 MiB buffer really lets such messages through.
 */
class OversizedMessagesTest {
    private static final int CLIENTS = 100;
    private static final int ANNOUNCED = 4_000_000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    void aHundredClientsAnnouncingFourMegabytesEachCostTheServerFarLessThanTheirSum() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0))) {
            URI echo = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
            long before = heapAfterGc();
            List<RawWebSocket> clients = new ArrayList<>();
            try {
                byte[] header = Arrays.copyOf(Frames.encode(true, 0, Frame.TEXT, Frames.newMask(),
                        new byte[ANNOUNCED]), 14);
                byte[] someOfThePayload = new byte[16 * 1024];
                for (int i = 0; i < CLIENTS; i++) {
                    RawWebSocket client = RawWebSocket.upgraded(echo);
                    clients.add(client);
                    client.writeBytes(header); // then the payload, slowly: most of it never comes
                    client.writeBytes(someOfThePayload);
                }
                for (RawWebSocket client : clients) {
                    Frame close = client.awaitClose();
                    assertEquals(1009, close.closeCode());
                    assertEquals("message too big: " + ANNOUNCED + " bytes, limit " + ServerConfig.DEFAULT_MAX_MESSAGE_BYTES,
                            close.closeReason());
                }
                Await.until(() -> server.context().echo().snapshot().openConnections() == 0,
                        "the server to let go of every refused connection");
                long grown = heapAfterGc() - before;
                assertTrue(grown < 32L * 1024 * 1024, "the heap grew by " + grown / 1024 + " KiB for " + CLIENTS
                        + " announced messages of " + ANNOUNCED + " bytes (" + (long) CLIENTS * ANNOUNCED / 1024
                        + " KiB if they were buffered)");
                assertEquals(0, server.context().echo().snapshot().messagesReceived(), "none reached the endpoint");
            } finally {
                for (RawWebSocket client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void aFragmentedMessageIsClosedWhenItsFragmentsAddUpToMoreThanTheLimit() throws Exception {
        ServerConfig small = ServerConfig.DEFAULT.withMaxMessageBytes(10_000);
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withConfig(small));
                RawWebSocket client = RawWebSocket.upgraded(URI.create("ws://127.0.0.1:" + server.port() + "/echo"))) {
            client.send(false, RawWebSocket.BINARY, new byte[6_000]);
            client.send(false, RawWebSocket.CONTINUATION, new byte[6_000]);
            Frame close = client.awaitClose();
            assertEquals(1009, close.closeCode());
            assertEquals("message too big: 12000 bytes, limit 10000", close.closeReason());
        }
    }

    @Test
    void sixteenMebibyteMessagesAreEchoedWithASixteenMebibyteLimit() throws Exception {
        int size = 16 * 1024 * 1024;
        ServerConfig large = ServerConfig.DEFAULT.withMaxMessageBytes(size);
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withConfig(large))) {
            JdkSocket client = JdkSocket.connect(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), null);
            byte[] payload = new byte[size];
            new Random(16).nextBytes(payload);
            client.sendBinary(payload);
            assertArrayEquals(payload, client.nextBinary(), "binary, 16 MiB, byte for byte");
            String text = "x".repeat(size);
            client.sendText(text);
            assertEquals(text, client.nextText(), "text, 16 MiB");
            client.closeNormally();
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
