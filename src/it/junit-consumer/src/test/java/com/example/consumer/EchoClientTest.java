package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ReceivedMessage;
import dev.wsprobe.standalone.WsprobeServer;
import dev.wsprobe.standalone.WsprobeServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A user's test of a WebSocket client (here the JDK's) against wsprobe's echo, over ws and wss. */
class EchoClientTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @RegisterExtension
    static WsprobeServerExtension server = WsprobeServerExtension.builder().tls().build();

    @Test
    void echoOverWs() throws Exception {
        assertEquals("hello over ws", roundTrip(server.echoUrl(), null, "hello over ws"));
        ReceivedMessage received = server.echo().takeReceived(PATIENCE);
        assertEquals("hello over ws", received.text());
    }

    @Test
    void echoOverWssTrustingTheServersCertificate(WsprobeServer running) throws Exception {
        assertEquals("hello over wss",
                roundTrip(running.secureEchoUrl(), running.clientSslContext(), "hello over wss"));
        List<ReceivedMessage> received = running.echo().awaitMessages(1, PATIENCE);
        assertEquals("hello over wss", received.get(0).text());
        assertTrue(running.echo().connectionsAccepted() >= 1);
    }

    /** Connects, sends {@code text}, returns the first text that comes back, closes normally. */
    private static String roundTrip(URI target, SSLContext trust, String text) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (trust != null) {
            builder.sslContext(trust);
        }
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket socket = builder.build().newWebSocketBuilder()
                .buildAsync(target, new WebSocket.Listener() {
                    private final StringBuilder parts = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        parts.append(data);
                        if (last) {
                            reply.complete(parts.toString());
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        socket.sendText(text, true).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        String echoed = reply.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return echoed;
    }
}
