package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.testing.ClientDeflate;
import dev.wsprobe.testing.PlainHttp;
import dev.wsprobe.testing.PythonWebsockets;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * permessage-deflate on a real standalone server: the answers to offers as clients send them, compressed echoes
 * read by a client written frame by frame and by Python's websockets (which checks the answer against RFC 7692),
 * and the message limit applied to what a message inflates to.
 */
class CompressionTest {
    private static final String OFFER = "Sec-WebSocket-Extensions";
    private static final Compression NO_TAKEOVER = Compression.ON.withServerContextTakeover(false)
            .withClientContextTakeover(false);
    private static final Compression TAKEOVER = Compression.ON.withServerContextTakeover(true)
            .withClientContextTakeover(true);

    private static StandaloneServer start(Compression compression) throws Exception {
        return start(compression, UnaryOperator.identity());
    }

    private static StandaloneServer start(Compression compression, UnaryOperator<ServerConfig> config)
            throws Exception {
        return StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withCompression(compression)
                .withConfig(config));
    }

    private static URI echo(StandaloneServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    private static String answer(StandaloneServer server, String offer) throws Exception {
        URI echo = echo(server);
        PlainHttp.Response response = PlainHttp.exchange(echo, PlainHttp.upgrade(echo, "/echo", OFFER + ": " + offer));
        assertEquals(101, response.status(), "a declined offer still gets its WebSocket: " + response);
        String answer = response.header(OFFER);
        return answer == null ? "none" : answer;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theAnswerSaysWhatTheServerApplies() throws Exception {
        try (StandaloneServer server = start(Compression.ON)) {
            assertEquals("permessage-deflate; server_no_context_takeover",
                    answer(server, "permessage-deflate; client_max_window_bits"), "a browser's offer, by default");
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                    answer(server, "permessage-deflate; client_no_context_takeover"), "the client's own offer");
        }
        try (StandaloneServer server = start(NO_TAKEOVER)) {
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                    answer(server, "permessage-deflate; client_max_window_bits"), "a browser's offer");
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                    answer(server, "permessage-deflate; server_max_window_bits=10, permessage-deflate"),
                    "the first offer asks for a window the server cannot use: the fallback is taken");
            assertEquals("none", answer(server, "permessage-deflate; server_max_window_bits=9"));
            assertEquals("none", answer(server, "permessage-deflate; x_unknown=1"));
        }
        try (StandaloneServer server = start(TAKEOVER.withClientMaxWindowBits(10))) {
            assertEquals("permessage-deflate; client_max_window_bits=10",
                    answer(server, "permessage-deflate; client_max_window_bits"));
            assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=15",
                    answer(server, "permessage-deflate; server_no_context_takeover; server_max_window_bits=15"));
            assertEquals("permessage-deflate", answer(server, "permessage-deflate"),
                    "a client that does not offer client_max_window_bits is not asked");
        }
        try (StandaloneServer off = start(Compression.OFF)) {
            assertEquals("none", answer(off, "permessage-deflate; client_max_window_bits"));
        }
    }

    @ParameterizedTest(name = "context takeover: server {0}, client {1}")
    @CsvSource({"false, false", "false, true", "true, true"})
    void compressedMessagesRoundTripWholeFragmentedAndPlain(boolean serverTakeover, boolean clientTakeover)
            throws Exception {
        try (StandaloneServer server = start(Compression.ON.withServerContextTakeover(serverTakeover)
                .withClientContextTakeover(clientTakeover));
                RawWebSocket client = RawWebSocket.connect(echo(server), null, Map.of(OFFER, "permessage-deflate"))) {
            assertEquals(101, client.handshake().status());
            Deflater sending = ClientDeflate.deflater();
            Inflater reading = new Inflater(true);
            byte[] message = utf8("{\"type\":\"update\",\"id\":12345,\"text\":\"Hello Cruel World\"}");
            int[] echoSizes = new int[3];
            for (int i = 0; i < 3; i++) {
                // the client keeps its context only where the server agreed to
                byte[] payload = clientTakeover ? ClientDeflate.compress(sending, message, true)
                        : ClientDeflate.compress(message);
                client.sendFrame(true, 4, Frame.TEXT, true, payload); // rsv 4 = RSV1
                RawWebSocket.Received echo = client.readWithRsv1();
                assertTrue(echo.rsv1(), "the echo is compressed");
                echoSizes[i] = echo.frame().payload().length;
                if (!serverTakeover) {
                    reading.reset(); // the server compresses each message on its own
                }
                assertArrayEquals(message, ClientDeflate.inflate(reading, echo.frame().payload()));
            }
            assertTrue(serverTakeover ? echoSizes[1] < echoSizes[0] / 2 : echoSizes[1] == echoSizes[0],
                    "repeats are back-references only with context takeover: " + Arrays.toString(echoSizes));

            byte[] large = utf8("repetitive text ".repeat(2_000));
            Deflater fragments = clientTakeover ? sending : ClientDeflate.deflater();
            client.sendFrame(false, 4, Frame.BINARY, true, ClientDeflate.compress(fragments,
                    Arrays.copyOf(large, 10_000), false));
            client.sendFrame(true, 0, Frame.CONTINUATION, true, ClientDeflate.compress(fragments,
                    Arrays.copyOfRange(large, 10_000, large.length), true));
            RawWebSocket.Received echo = client.readWithRsv1();
            assertTrue(echo.rsv1());
            assertEquals(Frame.BINARY, echo.frame().opcode());
            if (!serverTakeover) {
                reading.reset();
            }
            assertArrayEquals(large, ClientDeflate.inflate(reading, echo.frame().payload()), "a fragmented message");

            client.send(Frame.TEXT, utf8("sent plain")); // a client may leave any message uncompressed
            echo = client.readWithRsv1();
            if (!serverTakeover) {
                reading.reset();
            }
            assertTrue(echo.rsv1(), "the server compresses every message it sends");
            assertArrayEquals(utf8("sent plain"), ClientDeflate.inflate(reading, echo.frame().payload()));
        }
    }

    @ParameterizedTest(name = "server context takeover {0}")
    @ValueSource(booleans = {false, true})
    void fragmentedEchoesAreCompressedAsOneMessage(boolean serverTakeover) throws Exception {
        try (StandaloneServer server = start(Compression.ON.withServerContextTakeover(serverTakeover));
                RawWebSocket client = RawWebSocket.connect(URI.create(echo(server) + "?fragment=100"), null,
                        Map.of(OFFER, "permessage-deflate"))) {
            Inflater reading = new Inflater(true);
            for (int round = 0; round < 2; round++) {
                byte[] message = utf8("fragmented and compressed ".repeat(20) + round);
                client.sendFrame(true, 4, Frame.BINARY, true, ClientDeflate.compress(message));
                RawWebSocket.Received first = client.readWithRsv1();
                assertTrue(first.rsv1(), "RSV1 on the first fragment");
                assertEquals(Frame.BINARY, first.frame().opcode());
                java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
                joined.writeBytes(first.frame().payload());
                RawWebSocket.Received next = first;
                int fragments = 1;
                while (!next.frame().fin()) {
                    next = client.readWithRsv1();
                    assertEquals(Frame.CONTINUATION, next.frame().opcode());
                    assertTrue(!next.rsv1(), "no RSV1 on a continuation (RFC 7692 6.1)");
                    joined.writeBytes(next.frame().payload());
                    fragments++;
                }
                assertTrue(fragments > 1, "fragments of at most 100 bytes: " + fragments);
                if (!serverTakeover) {
                    reading.reset();
                }
                assertArrayEquals(message, ClientDeflate.inflate(reading, joined.toByteArray()));
            }
        }
    }

    @Test
    void aSmallFrameThatInflatesFarBeyondTheLimitIsClosedWith1009() throws Exception {
        int limit = 2 << 20;
        // 2.2 GB of zeros in about 2 MB: more than a Java array holds, so no server could inflate it whole and answer
        byte[] bomb = ClientDeflate.bomb(2_100);
        try (StandaloneServer server = start(Compression.ON, config -> config.withMaxMessageBytes(limit))) {
            try (RawWebSocket client = RawWebSocket.connect(echo(server), null, Map.of(OFFER, "permessage-deflate"))) {
                client.sendFrame(true, 4, Frame.BINARY, true, bomb);
                Frame close = client.awaitClose();
                assertEquals(1009, close.closeCode(), close.closeReason());
                assertEquals("message too big: inflates to more than " + limit + " bytes, the limit",
                        close.closeReason());
            }
            try (RawWebSocket next = RawWebSocket.connect(echo(server), null, Map.of(OFFER, "permessage-deflate"))) {
                next.sendFrame(true, 4, Frame.TEXT, true, ClientDeflate.compress(utf8("still here")));
                assertArrayEquals(utf8("still here"), ClientDeflate.inflate(new Inflater(true),
                        next.readWithRsv1().frame().payload()), "the server carries on");
            }
        }
    }

    @Test
    void aCompressedFrameAnnouncingMoreThanTheCompressedLimitIsRefusedFromItsHeader() throws Exception {
        int limit = 1_000;
        try (StandaloneServer server = start(Compression.ON, config -> config.withMaxMessageBytes(limit));
                RawWebSocket client = RawWebSocket.connect(echo(server), null, Map.of(OFFER, "permessage-deflate"))) {
            byte[] header = Arrays.copyOf(Frames.encode(true, 4, Frame.BINARY, Frames.newMask(), new byte[200_000]), 14);
            client.writeBytes(header); // the payload never comes: the header is enough
            Frame close = client.awaitClose();
            assertEquals(1009, close.closeCode());
            assertEquals("message too big: 200000 bytes compressed, limit " + FrameGuard.compressedLimit(limit)
                    + " compressed", close.closeReason());
        }
    }

    @Test
    void dataThatDoesNotInflateIsClosedWith1007() throws Exception {
        try (StandaloneServer server = start(Compression.ON);
                RawWebSocket client = RawWebSocket.connect(echo(server), null, Map.of(OFFER, "permessage-deflate"))) {
            client.sendFrame(true, 4, Frame.TEXT, true, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x12, 0x34});
            Frame close = client.awaitClose();
            assertEquals(1007, close.closeCode(), close.closeReason());
            assertTrue(close.closeReason().startsWith("invalid compressed data"), close.closeReason());
        }
    }

    @Test
    void rsv1OnAContinuationFrameFailsTheConnection() throws Exception {
        try (StandaloneServer server = start(Compression.ON);
                RawWebSocket client = RawWebSocket.connect(echo(server), null, Map.of(OFFER, "permessage-deflate"))) {
            Deflater deflater = ClientDeflate.deflater();
            client.sendFrame(false, 4, Frame.TEXT, true, ClientDeflate.compress(deflater, utf8("part one "), false));
            client.sendFrame(true, 4, Frame.CONTINUATION, true, ClientDeflate.compress(deflater, utf8("two"), true));
            assertEquals(1002, client.awaitClose().closeCode(), "RSV1 belongs on a message's first frame only");
        }
    }

    @Test
    void pythonWebsocketsAgreesWithEachAnswerAndGetsItsEchoes() throws Exception {
        PythonWebsockets.require();
        String json = "{\"type\":\"update\",\"id\":12345,\"text\":\"Hello Cruel World\"}";
        List<String> messages = List.of(json, json, json, "compressible ".repeat(3_000), "é ✓ 😀");
        try (StandaloneServer server = start(NO_TAKEOVER)) {
            PythonWebsockets.Deflate browserLike = PythonWebsockets.deflate(echo(server), List.of("{}"), messages);
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover",
                    browserLike.answer());
            assertEquals("local_max_window_bits=15 local_no_context_takeover=True remote_max_window_bits=15 "
                    + "remote_no_context_takeover=True", browserLike.agreed());
            assertEquals(messages, browserLike.echoes());

            PythonWebsockets.Deflate fallback = PythonWebsockets.deflate(echo(server),
                    List.of("{\"server_max_window_bits\": 10}", "{\"client_max_window_bits\": 12}"), messages);
            assertEquals("permessage-deflate; server_no_context_takeover; client_no_context_takeover; "
                    + "client_max_window_bits=12", fallback.answer(), "the second offer");
            assertEquals(messages, fallback.echoes());

            PythonWebsockets.Deflate declined = PythonWebsockets.deflate(echo(server),
                    List.of("{\"server_max_window_bits\": 11}"), messages);
            assertEquals("", declined.answer());
            assertEquals("", declined.agreed(), "no compression, and the connection works");
            assertEquals(messages, declined.echoes());
        }
        try (StandaloneServer server = start(Compression.ON)) {
            PythonWebsockets.Deflate byDefault = PythonWebsockets.deflate(echo(server), List.of("{}"), messages);
            assertEquals("permessage-deflate; server_no_context_takeover", byDefault.answer());
            assertEquals("local_max_window_bits=15 local_no_context_takeover=False remote_max_window_bits=15 "
                    + "remote_no_context_takeover=True", byDefault.agreed());
            assertEquals(messages, byDefault.echoes());
        }
        try (StandaloneServer server = start(TAKEOVER.withClientMaxWindowBits(9))) {
            PythonWebsockets.Deflate limited = PythonWebsockets.deflate(echo(server), List.of("{}"), messages);
            assertEquals("permessage-deflate; client_max_window_bits=9", limited.answer());
            assertEquals("local_max_window_bits=9 local_no_context_takeover=False remote_max_window_bits=15 "
                    + "remote_no_context_takeover=False", limited.agreed(), "it compresses with the 9-bit window asked");
            assertEquals(messages, limited.echoes());

            PythonWebsockets.Deflate serverNoTakeover = PythonWebsockets.deflate(echo(server),
                    List.of("{\"server_no_context_takeover\": true, \"server_max_window_bits\": 15}"), messages);
            assertEquals("permessage-deflate; server_no_context_takeover; server_max_window_bits=15; "
                    + "client_max_window_bits=9", serverNoTakeover.answer());
            assertEquals(messages, serverNoTakeover.echoes());
        }
    }
}
