package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.testing.Await;
import java.net.URI;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;

/** Jetty 12's WebSocket client offering subprotocols and permessage-deflate to the standalone server. */
class JettyClientNegotiationTest {
    /** Records whole text messages. */
    public static final class Texts implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
        }
    }

    @Test
    void jettySeesItsFirstSubprotocolAndCompressionAndGetsItsEchoes() throws Exception {
        WebSocketClient client = new WebSocketClient(new HttpClient());
        client.start();
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withCompression(true))) {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setSubProtocols("wsprobe.jetty", "other");
            request.addExtensions("permessage-deflate");
            Texts texts = new Texts();
            Session session = client.connect(texts, URI.create("ws://127.0.0.1:" + server.port() + "/echo"), request)
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals("wsprobe.jetty", session.getUpgradeResponse().getAcceptedSubProtocol());
            List<String> extensions = session.getUpgradeResponse().getExtensions().stream()
                    .map(extension -> extension.getParameterizedName()).toList();
            assertEquals(List.of("permessage-deflate"), extensions);
            String large = "repetitive text ".repeat(1000);
            session.sendText(large, org.eclipse.jetty.websocket.api.Callback.NOOP);
            session.sendText("small", org.eclipse.jetty.websocket.api.Callback.NOOP);
            assertEquals(large, Await.next(texts.received, "the large echo"));
            assertEquals("small", Await.next(texts.received, "the small echo"));
            session.close();
        } finally {
            client.stop();
        }
    }
}
