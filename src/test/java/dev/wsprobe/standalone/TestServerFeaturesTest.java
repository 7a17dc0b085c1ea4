package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.Subprotocols;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.PlainHttp;
import dev.wsprobe.testing.StatusDocument;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The test-server features of the standalone host that need a configuration of their own: subprotocols
 * restricted to a list, the announcement and the bound on delayed echoes, with the JDK's client and raw upgrade
 * requests (compression's own cases: {@link CompressionTest}; each third-party client's subprotocol and
 * compression: the interoperability tests, e.g. {@link PythonClientInteropTest}).
 */
class TestServerFeaturesTest {
    private static StandaloneServer start(UnaryOperator<ServerConfig> config, boolean compression) throws Exception {
        return StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withConfig(config)
                .withCompression(compression));
    }

    private static URI ws(StandaloneServer server, String path) {
        return URI.create("ws://127.0.0.1:" + server.port() + path);
    }

    private static JsonObject subprotocolCounts(StandaloneServer server) {
        return StatusDocument.readQuietly(URI.create("http://127.0.0.1:" + server.port() + "/status")).json()
                .getJsonObject("subprotocols");
    }

    @Test
    void aSubprotocolListRefusesOtherOffersWith400AndChoosesAnAllowedOne() throws Exception {
        try (StandaloneServer server = start(config -> config.withSubprotocols(Subprotocols.parse("chat,json")),
                false)) {
            URI echo = ws(server, "/echo");
            PlainHttp.Response other = PlainHttp.exchange(echo, PlainHttp.upgrade(echo, "/echo",
                    "Sec-WebSocket-Protocol: graphql-ws"));
            assertEquals(400, other.status(), other.toString());
            assertTrue(other.body().contains("none of the offered subprotocols graphql-ws is accepted; this server "
                    + "accepts chat, json"), other.body());
            PlainHttp.Response none = PlainHttp.exchange(echo, PlainHttp.upgrade(echo, "/echo"));
            assertEquals(400, none.status(), "an upgrade offering none of them: " + none);

            PlainHttp.Response mixed = PlainHttp.exchange(echo, PlainHttp.upgrade(echo, "/echo",
                    "Sec-WebSocket-Protocol: graphql-ws, json", "Sec-WebSocket-Protocol: chat"));
            assertEquals(101, mixed.status(), mixed.toString());
            assertEquals("json", mixed.header("Sec-WebSocket-Protocol"),
                    "the client's first offer among the allowed ones, over repeated headers");

            JdkSocket listener = new JdkSocket();
            WebSocket jdk = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("graphql-ws", "chat")
                    .buildAsync(ws(server, "/receive"), listener).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            listener.webSocket = jdk;
            assertEquals("chat", jdk.getSubprotocol());
            Await.until(() -> subprotocolCounts(server).getInt("chat") == 1, "/status to count chat once");
            assertEquals(1, subprotocolCounts(server).getInt("json"));
            assertEquals(2, subprotocolCounts(server).size(), "only the configured names: " + subprotocolCounts(server));
            assertEquals(1000, listener.closeNormally().code());
        }
    }

    @Test
    void announceSendsWhichServerAnsweredFirst() throws Exception {
        try (StandaloneServer server = start(config -> config.withAnnounce(true), false)) {
            JdkSocket client = JdkSocket.connect(ws(server, "/echo"), null);
            String first = client.nextText();
            assertTrue(first.matches("served by \\S.* \\(wsprobe .+\\)"), first);
            client.sendText("then the echo");
            assertEquals("then the echo", client.nextText());
            assertEquals(1000, client.closeNormally().code());

            JdkSocket receiverClient = JdkSocket.connect(ws(server, "/receive"), null);
            assertEquals(first, receiverClient.nextText(), "the receiver announces too, then never answers");
            assertEquals(1000, receiverClient.closeNormally().code());
        }
        try (StandaloneServer quiet = start(UnaryOperator.identity(), false)) {
            JdkSocket client = JdkSocket.connect(ws(quiet, "/echo"), null);
            client.sendText("only the echo");
            assertEquals("only the echo", client.nextText(), "no announcement unless asked for");
            assertEquals(1000, client.closeNormally().code());
        }
    }

    @Test
    void delayedEchoesCountAgainstTheOutgoingBuffer() throws Exception {
        // the outgoing bound holds at least one message of the largest size: keep that below 10,000 too
        try (StandaloneServer server = start(config -> config.withMaxOutgoingBytes(10_000).withMaxMessageBytes(8_000),
                false)) {
            JdkSocket client = JdkSocket.connect(ws(server, "/echo?delay=30s"), null);
            for (int i = 0; i < 3; i++) {
                client.sendText("x".repeat(4_000)); // the third would make 12,000 bytes waiting
            }
            JdkSocket.Close close = client.nextClose();
            assertEquals(1008, close.code(), "a slow reader, though it is the server that holds them: " + close);
            assertTrue(client.texts.isEmpty(), "nothing was due yet");
        }
    }
}
