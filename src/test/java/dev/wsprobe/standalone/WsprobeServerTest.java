package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ReceivedMessage;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The embeddable server as a user's test sees it: its URLs, its certificate, its counters, what it received. */
class WsprobeServerTest {
    @RegisterExtension
    static final WsprobeServerExtension SERVER = WsprobeServerExtension.builder().tls().build();

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void echoesAndKeepsWhatItReceivedTextAndBinary(boolean secure) throws Exception {
        URI echo = secure ? SERVER.secureEchoUrl() : SERVER.echoUrl();
        long acceptedBefore = SERVER.echo().connectionsAccepted();
        long bytesBefore = SERVER.echo().bytesReceived();
        JdkSocket client = JdkSocket.connect(echo, secure ? SERVER.clientSslContext() : null);
        byte[] binary = {0, 1, 2, (byte) 0xff};
        client.sendText("Grüße");
        assertEquals("Grüße", client.nextText());
        client.sendBinary(binary);
        assertArrayEquals(binary, client.nextBinary());

        List<ReceivedMessage> received = SERVER.echo().awaitMessages(2, Await.PATIENCE);
        assertEquals("Grüße", received.get(0).text());
        assertFalse(received.get(0).isBinary());
        assertEquals(7, received.get(0).sizeBytes(), "UTF-8 bytes");
        assertTrue(received.get(1).isBinary());
        assertArrayEquals(binary, received.get(1).bytes());
        assertEquals(received.get(0).sessionId(), received.get(1).sessionId(), "one connection");
        assertEquals(acceptedBefore + 1, SERVER.echo().connectionsAccepted());
        assertEquals(1, SERVER.echo().openConnections());
        assertEquals(bytesBefore + 11, SERVER.echo().bytesReceived());
        client.closeNormally();
        Await.until(() -> SERVER.server().openConnections() == 0, "the connection closed on the server");
    }

    @Test
    void theReceiverKeepsMessagesPerEndpoint(WsprobeServer server) throws Exception {
        assertSame(SERVER.server(), server, "the injected server is the extension's");
        JdkSocket client = JdkSocket.connect(server.receiverUrl(), null);
        client.sendText("to the receiver");
        ReceivedMessage message = server.receiver().takeReceived(Await.PATIENCE);
        assertEquals("to the receiver", message.text());
        assertEquals("/receive", message.path());
        assertTrue(server.echo().received().isEmpty(), "the echo got none of it: " + server.echo().received());
        client.closeNormally();
    }

    @Test
    void takeReceivedGivesUpAfterItsTimeout() {
        TimeoutException timeout = assertThrows(TimeoutException.class,
                () -> SERVER.echo().takeReceived(Duration.ofMillis(100)));
        assertTrue(timeout.getMessage().contains("/echo"), timeout.getMessage());
    }

    @Test
    void theCertificateCoversLoopbackAndItsContextTrustsNothingElse() throws Exception {
        X509Certificate certificate = SERVER.certificate();
        String names = certificate.getSubjectAlternativeNames().toString();
        assertTrue(names.contains("localhost") && names.contains("127.0.0.1"), names);
        // a second server has its own certificate: this server's trust does not let a client in there
        try (WsprobeServer other = WsprobeServer.builder().tls().start()) {
            assertNotEquals(certificate, other.certificate());
            Exception refused = assertThrows(Exception.class,
                    () -> JdkSocket.connect(other.secureEchoUrl(), SERVER.clientSslContext()));
            assertTrue(causes(refused, SSLHandshakeException.class), "refused by TLS: " + refused);
        }
    }

    @Test
    void keepsOnlyTheLastMessagesWithinItsBound() throws Exception {
        try (WsprobeServer small = WsprobeServer.builder().keepReceived(3, 1024).start()) {
            JdkSocket client = JdkSocket.connect(small.echoUrl(), null);
            for (int i = 1; i <= 5; i++) {
                client.sendText("message " + i);
                assertEquals("message " + i, client.nextText()); // echoed: so it is journaled
            }
            assertEquals(List.of("message 3", "message 4", "message 5"),
                    small.echo().received().stream().map(ReceivedMessage::text).toList());
            assertEquals(2, small.echo().evictedBeforeTaken());
            assertEquals(5, small.echo().messagesReceived(), "the counters count everything");

            // the byte bound: 1,024 bytes leave room for one 600-byte message only
            client.sendBinary(new byte[600]);
            client.nextBinary();
            client.sendBinary(new byte[600]);
            client.nextBinary();
            List<ReceivedMessage> kept = small.echo().received();
            assertEquals(1, kept.stream().filter(ReceivedMessage::isBinary).count(), kept.toString());
            assertTrue(kept.stream().mapToInt(ReceivedMessage::sizeBytes).sum() <= 1024, kept.toString());
            client.closeNormally();
        }
    }

    @Test
    void clearedMessagesAreNotTakenAgain() throws Exception {
        JdkSocket client = JdkSocket.connect(SERVER.echoUrl(), null);
        client.sendText("old");
        client.nextText();
        SERVER.echo().clearReceived();
        client.sendText("new");
        assertEquals("new", SERVER.echo().takeReceived(Await.PATIENCE).text());
        client.closeNormally();
    }

    @Test
    void withoutTlsThereIsNoWssAndNoCertificate() throws Exception {
        try (WsprobeServer plain = WsprobeServer.start()) {
            assertEquals("ws://127.0.0.1:" + plain.port() + "/echo", plain.echoUrl().toString());
            assertThrows(IllegalStateException.class, plain::secureEchoUrl);
            assertThrows(IllegalStateException.class, plain::certificate);
        }
    }

    @Test
    void anExtensionOutsideItsTestsHasNoServer() {
        WsprobeServerExtension unused = WsprobeServerExtension.builder().build();
        assertThrows(IllegalStateException.class, unused::server);
    }

    private static boolean causes(Throwable error, Class<? extends Throwable> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
