package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.tls.KeyStores;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A wss client that sends its close frame and closes its socket at once, without waiting for the server's answer
 * (TLS's {@code close_notify} follows the frame, often in the same read): the server still reports the client's
 * own close code. Grizzly dropped the frame when both records came in one read, and the receiver reported 1006 for
 * 29 of 30 such closes over TLS 1.3 and 30 of 30 over TLS 1.2, until the listener's engines became
 * {@code DataBeforeCloseNotifyEngine}s ({@link ServerTlsEngines}).
 */
class ClientCloseWithCloseNotifyTest {
    private static final int CLOSES = 10;
    private final TestPki pki = new TestPki();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theReceiverReportsTheClientsCodeWhenTheTlsSessionEndsRightAfterTheFrame(String protocol) throws Exception {
        SSLContext client = clientContext(protocol);
        try (WsprobeServer server = WsprobeServer.builder().tls(pki.serverIdentity("localhost", "127.0.0.1")).start()) {
            for (int i = 0; i < CLOSES; i++) {
                RawWebSocket socket = RawWebSocket.connect(server.wss("/receive"), client, Map.of());
                assertEquals(101, socket.handshake().status());
                socket.sendClose(4001, "client done");
                socket.close(); // close_notify, then FIN: no wait for the server's close frame
            }
            Await.until(() -> closes(server) == CLOSES, CLOSES + " closes counted by the receiver");
            assertEquals(Map.of("4xxx", (long) CLOSES), server.context().receiver().closes().nonZero(),
                    "every close with the client's code, none as 1006 (abnormal)");
        }
    }

    private static long closes(WsprobeServer server) {
        return server.context().receiver().closes().nonZero().values().stream().mapToLong(Long::longValue).sum();
    }

    /** A client context trusting the test CA that offers {@code protocol} and nothing newer. */
    private SSLContext clientContext(String protocol) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStoreOf(pki.authorityCertificate()));
        SSLContext context = SSLContext.getInstance(protocol);
        context.init(null, trust.getTrustManagers(), null);
        try (SSLSocket probe = (SSLSocket) context.getSocketFactory().createSocket()) {
            List<String> offered = List.of(probe.getEnabledProtocols());
            assertEquals(protocol, offered.get(0), "the newest protocol offered: " + offered);
            assertFalse(protocol.equals("TLSv1.2") && offered.contains("TLSv1.3"), offered::toString);
        }
        return context;
    }
}
