package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.testing.EchoCases;
import dev.wsprobe.testing.FrameTap;
import dev.wsprobe.testing.InteropCase;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.JettyEchoClient;
import dev.wsprobe.testing.LogCapture;
import dev.wsprobe.testing.TestPki;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Jetty 12's WebSocket client against wsprobe's echo endpoint, ws and wss (host names verified). */
class JettyClientInteropTest {
    private static final InteropPair PAIR = InteropPair.JETTY_TO_WSPROBE;
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);
    private static final TestPki OWN_SERVERS_CA = new TestPki();

    @BeforeAll
    static void start() {
        InteropResults.startPair(PAIR);
    }

    private SSLContext trust(boolean secure) {
        return secure ? server.clientTrust() : null;
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void messagesAtFrameLengthBoundariesFragmentsPingAndClientClose(boolean secure) throws Exception {
        try (LogCapture log = new LogCapture();
                JettyEchoClient client = JettyEchoClient.connect(server.url(secure, "/echo"), trust(secure))) {
            EchoCases.boundarySizes(client, PAIR, secure);
            EchoCases.fragments(client, PAIR, secure);
            EchoCases.ping(client, PAIR, secure);
            WsprobeServerCases.clientCloses(client, log, PAIR, secure);
        }
    }

    /**
     * Against a server with compression on: Jetty offers two subprotocols and permessage-deflate, and reports the
     * first subprotocol and deflate as agreed; its text and binary come back whole, and over ws the relay sees
     * every message compressed both ways (context takeover variants and a known deviation:
     * {@link JettyClientNegotiationTest}).
     */
    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void seesItsFirstSubprotocolAndPermessageDeflateAndGetsCompressedEchoes(boolean secure) throws Exception {
        try (TestServer compressing = TestServer.compressing(OWN_SERVERS_CA, ServerConfig.DEFAULT, Compression.ON);
                FrameTap tap = new FrameTap(compressing.port());
                JettyEchoClient client = JettyEchoClient.connectNegotiating(secure ? compressing.wss("/echo")
                        : tap.echo(), secure ? compressing.clientTrust() : null, List.of("wsprobe.jetty", "other"))) {
            assertEquals("wsprobe.jetty", client.subprotocol());
            assertEquals(List.of("permessage-deflate"), client.extensions());
            EchoCases.compressible(client);
            InteropResults.passed(PAIR, InteropCase.SUBPROTOCOL, secure);
            if (!secure) {
                tap.assertCompressedBothWays(EchoCases.COMPRESSIBLE_MESSAGES);
            }
            InteropResults.passed(PAIR, InteropCase.COMPRESSION, secure);
        }
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void serverClosesWith1009AndReasonOverTheLimit(boolean secure) throws Exception {
        try (JettyEchoClient client = JettyEchoClient.connect(server.url(secure, "/echo"), trust(secure))) {
            WsprobeServerCases.serverClosesOverLimit(client, PAIR, secure);
        }
    }
}
