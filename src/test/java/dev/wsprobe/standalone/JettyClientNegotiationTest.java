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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Jetty 12's WebSocket client offering subprotocols and permessage-deflate to the standalone server. */
class JettyClientNegotiationTest {
    /** Records whole text messages and the close. */
    public static final class Texts implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

        @Override
        public void onWebSocketText(String message) {
            received.add(message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closes.add(statusCode + " " + reason);
        }
    }

    @ParameterizedTest(name = "server context takeover {0}")
    @ValueSource(booleans = {false, true})
    void jettySeesItsFirstSubprotocolAndCompressionAndGetsItsEchoes(boolean takeover) throws Exception {
        WebSocketClient client = new WebSocketClient(new HttpClient());
        client.start();
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withCompression(Compression.ON.withServerContextTakeover(takeover)))) {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.setSubProtocols("wsprobe.jetty", "other");
            request.addExtensions("permessage-deflate");
            Texts texts = new Texts();
            Session session = client.connect(texts, URI.create("ws://127.0.0.1:" + server.port() + "/echo"), request)
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals("wsprobe.jetty", session.getUpgradeResponse().getAcceptedSubProtocol());
            // Jetty's reading of the answer (it orders the parameters its own way)
            List<String> extensions = session.getUpgradeResponse().getExtensions().stream()
                    .map(extension -> extension.getName() + new java.util.TreeSet<>(extension.getParameters().keySet()))
                    .toList();
            assertEquals(List.of(takeover ? "permessage-deflate[]" : "permessage-deflate[server_no_context_takeover]"),
                    extensions);
            String large = "repetitive text ".repeat(1000);
            session.sendText(large, org.eclipse.jetty.websocket.api.Callback.NOOP);
            for (int i = 0; i < 3; i++) {
                session.sendText("small", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
            assertEquals(large, Await.next(texts.received, "the large echo"));
            for (int i = 0; i < 3; i++) {
                assertEquals("small", Await.next(texts.received, "the small echoes"));
            }
            session.close();
        } finally {
            client.stop();
        }
    }

    /**
     * A known deviation, so that the README's warning stays true: Jetty 12's client ignores
     * {@code client_no_context_takeover} in the server's answer (its extension reads the parameter as about its
     * own inflater) and goes on compressing with its context, so once it repeats itself the server, which
     * inflates each message anew as agreed, cannot read it and closes with 1007.
     */
    @Test
    void jettysClientIgnoresARequestedClientNoContextTakeover() throws Exception {
        WebSocketClient client = new WebSocketClient(new HttpClient());
        client.start();
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withCompression(Compression.ON.withClientContextTakeover(false)))) {
            ClientUpgradeRequest request = new ClientUpgradeRequest();
            request.addExtensions("permessage-deflate");
            Texts texts = new Texts();
            Session session = client.connect(texts, URI.create("ws://127.0.0.1:" + server.port() + "/echo"), request)
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            String repeated = "{\"type\":\"update\",\"text\":\"Hello Cruel World\"}";
            session.sendText(repeated, org.eclipse.jetty.websocket.api.Callback.NOOP);
            session.sendText(repeated, org.eclipse.jetty.websocket.api.Callback.NOOP);
            assertEquals(repeated, Await.next(texts.received, "the first echo"));
            assertEquals("1007 invalid compressed data: invalid distance too far back",
                    Await.next(texts.closes, "the server's close"));
        } finally {
            client.stop();
        }
    }
}
