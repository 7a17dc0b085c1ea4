package dev.wsprobe.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.testing.StatusDocument;
import dev.wsprobe.testing.TestedHost;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The WAR configured by context parameters, in an application server: its in-container sender (the server's
 * own WebSocket client, on container-managed threads) sends to the same deployment's {@code /receive}, and
 * its message limit is the configured one. Each server's IT says where the deployment is.
 */
public abstract class InContainerSenderSuite {
    /** The configured copy's file name, so its context root is {@code /wsprobe-sender}. */
    protected static final String WAR_NAME = "wsprobe-sender.war";
    protected static final int LIMIT = 1024;
    /** Deployment, the sender's first retries while its own application is still starting, three messages. */
    private static final Duration SENDER_PATIENCE = Duration.ofSeconds(60);

    /** The configured deployment (from Arquillian, or deployed by the test into an embedded container). */
    protected abstract TestedHost war();

    /**
     * The built WAR plus a web.xml that turns the sender on toward its own receiver on this server's http
     * port (from the build's reserved ports) and sets the limit to {@value #LIMIT} bytes.
     */
    protected static WebArchive configuredWar(String httpPortProperty) {
        return WarArchives.configured(WAR_NAME, senderSettings(Integer.parseInt(System.getProperty(httpPortProperty))));
    }

    /** The context parameters of {@link #WAR_NAME}: the sender on, toward its own receiver, and a 1k limit. */
    protected static Map<String, String> senderSettings(int httpPort) {
        return Map.of("wsprobe.send.to", "ws://127.0.0.1:" + httpPort + "/wsprobe-sender/receive",
                "wsprobe.max.message.size", "1k");
    }

    @Test
    void senderInsideTheServerSendsToItsOwnReceiverEverySecond() throws Exception {
        URI status = war().status();
        Await.until(SENDER_PATIENCE, () -> StatusDocument.readQuietly(status).endpoint("/receive")
                .messagesReceived() >= 3, "the in-container sender's first 3 messages at /receive");

        StatusDocument seen = StatusDocument.read(status);
        JsonObject sender = seen.sender();
        assertEquals("ready", sender.getString("state"), "sender: " + sender);
        assertEquals("ws://127.0.0.1:" + war().ws("/").getPort() + "/wsprobe-sender/receive",
                sender.getString("target"));
        assertEquals(0, sender.getInt("sendFailures"), "sender: " + sender);
        StatusDocument.Counts receiver = seen.endpoint("/receive");
        assertEquals(1, receiver.openConnections(), "the sender's one connection: " + seen.json());
        assertTrue(sender.getInt("sent") >= receiver.messagesReceived() - 1,
                "what arrived was sent (a send completes before or after its arrival): " + seen.json());
        // "Hello Cruel World " + an ISO-8601 time with milliseconds and offset (Z or +hh:mm), 42 to 47 bytes, then
        // " #<n>": the same size but for the number's digits (#10 is one byte longer than #9)
        long count = receiver.messagesReceived();
        long numbers = 0;
        for (long n = 1; n <= count; n++) {
            numbers += 2 + Long.toString(n).length();
        }
        long withoutNumbers = receiver.bytesReceived() - numbers;
        assertEquals(0, withoutNumbers % count, "every message the same size but for its number: " + seen.json());
        long perMessage = withoutNumbers / count;
        assertTrue(perMessage >= 42 && perMessage <= 47, "message size without its number " + perMessage);

        Await.until(() -> StatusDocument.readQuietly(status).endpoint("/receive").messagesReceived()
                > receiver.messagesReceived(), "the next periodic message");
    }

    @Test
    void configuredMessageLimitApplies() throws Exception {
        JdkSocket client = JdkSocket.connect(war().ws("/echo"), null);
        client.sendBinary(new byte[LIMIT]);
        assertEquals(LIMIT, client.nextBinary().length, "a message of exactly the limit is echoed");
        client.closeNormally();
        // One byte more, as one write (one segment on loopback): a server that refuses the message from its
        // header and closes while the rest of it is still unread makes its TCP close a reset, which can drop its
        // own close frame before it leaves (seen once on Tomcat 10.1 with the JDK client, which wrote header and
        // payload apart: 1006 instead of 1009). The promise here is the limit, so the whole frame arrives at once.
        try (RawWebSocket raw = RawWebSocket.upgraded(war().ws("/echo"))) {
            raw.send(RawWebSocket.BINARY, new byte[LIMIT + 1]);
            assertEquals(1009, raw.awaitClose().closeCode(), "one byte more closes the connection with 1009");
        }
    }
}
