package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.testing.FrameTap;
import dev.wsprobe.testing.InteropCase;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.PythonWebsockets;
import dev.wsprobe.testing.TestPki;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Python's websockets (Debian's python3-websockets) against the standalone server, ws and wss: it offers
 * subprotocols and, by default, permessage-deflate as browsers do. Its answers to each deflate offer:
 * {@link CompressionTest}.
 */
class PythonClientInteropTest {
    private static final InteropPair PAIR = InteropPair.PYTHON_TO_WSPROBE;
    private static final TestPki CA = new TestPki();
    /** The tap counts data messages: these, echoed, are 3 each way. */
    private static final List<String> MESSAGES = List.of("hello", "compressible ".repeat(2000), "Grüße ✓ 🎉");

    /** Without the package the pair then shows as not run, not with what an earlier run proved. */
    @BeforeAll
    static void start() {
        InteropResults.startPair(PAIR);
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void getsItsFirstSubprotocolAndCompressedEchoes(boolean secure) throws Exception {
        PythonWebsockets.require();
        try (TestServer server = TestServer.compressing(CA, ServerConfig.DEFAULT, Compression.ON);
                FrameTap tap = new FrameTap(server.port())) {
            PythonWebsockets.Conversation conversation = secure
                    ? PythonWebsockets.echo(server.wss("/echo"), CA.authorityCertificate(),
                            List.of("wsprobe.v1", "other"), MESSAGES)
                    : PythonWebsockets.echo(tap.echo(), List.of("wsprobe.v1", "other"), MESSAGES);
            assertEquals("wsprobe.v1", conversation.subprotocol());
            assertEquals(MESSAGES, conversation.echoes());
            InteropResults.passed(PAIR, InteropCase.SUBPROTOCOL, secure);
            assertEquals("permessage-deflate", conversation.extensions(), "the client's report");
            if (!secure) {
                tap.assertCompressedBothWays(MESSAGES.size());
            }
            InteropResults.passed(PAIR, InteropCase.COMPRESSION, secure);
        }
    }

    @Test
    void withoutAnOfferOrWithCompressionOffNeitherIsNegotiated() throws Exception {
        PythonWebsockets.require();
        try (TestServer off = TestServer.compressing(CA, ServerConfig.DEFAULT, Compression.OFF);
                FrameTap tap = new FrameTap(off.port())) {
            PythonWebsockets.Conversation conversation = PythonWebsockets.echo(tap.echo(), List.of(), MESSAGES);
            assertEquals("", conversation.subprotocol());
            assertEquals("", conversation.extensions(), "no compression when it is off");
            assertEquals(MESSAGES, conversation.echoes());
            assertEquals(2 * MESSAGES.size(), tap.messages().size(), "the tap saw each message: " + tap.messages());
            assertEquals(List.of(), tap.messages().stream().filter(FrameTap.Message::rsv1).toList(),
                    "nothing compressed on the wire");
        }
    }
}
