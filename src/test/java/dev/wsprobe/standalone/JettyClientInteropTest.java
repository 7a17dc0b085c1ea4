package dev.wsprobe.standalone;

import dev.wsprobe.testing.EchoCases;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.JettyEchoClient;
import dev.wsprobe.testing.LogCapture;
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

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void serverClosesWith1009AndReasonOverTheLimit(boolean secure) throws Exception {
        try (JettyEchoClient client = JettyEchoClient.connect(server.url(secure, "/echo"), trust(secure))) {
            WsprobeServerCases.serverClosesOverLimit(client, PAIR, secure);
        }
    }
}
