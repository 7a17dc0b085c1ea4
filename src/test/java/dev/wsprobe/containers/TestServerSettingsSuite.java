package dev.wsprobe.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.PlainHttp;
import dev.wsprobe.testing.StatusDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;

/**
 * The WAR configured as a test server ({@code wsprobe.subprotocols}, {@code wsprobe.announce}) in an application
 * server: the handshake filter passes on only the allowed subprotocol offers (a request wrapper) and the
 * server's own WebSocket implementation (Tyrus in Payara, Undertow in WildFly) negotiates from what it sees.
 */
public abstract class TestServerSettingsSuite {
    protected static final String WAR_NAME = "wsprobe-settings.war";

    /** The built WAR accepting only the subprotocols chat and json, announcing itself. */
    protected static WebArchive configuredWar() {
        return WarArchives.configured(WAR_NAME, Map.of("wsprobe.subprotocols", "chat,json",
                "wsprobe.announce", "true"));
    }

    protected abstract DeployedWar war();

    @Test
    void onlyAllowedSubprotocolsAreNegotiatedAndOthersGet400() throws Exception {
        URI echo = war().ws("/echo");
        PlainHttp.Response other = PlainHttp.exchange(echo, PlainHttp.upgrade(echo, echo.getRawPath(),
                "Sec-WebSocket-Protocol: graphql-ws"));
        assertEquals(400, other.status(), war().name() + ": " + other);
        assertTrue(other.body().contains("this server accepts chat, json"), other.body());

        PlainHttp.Response mixed = PlainHttp.exchange(echo, PlainHttp.upgrade(echo, echo.getRawPath(),
                "Sec-WebSocket-Protocol: graphql-ws, json, chat"));
        assertEquals(101, mixed.status(), war().name() + ": " + mixed);
        assertEquals("json", mixed.header("Sec-WebSocket-Protocol"),
                war().name() + " must choose an allowed offer, the client's first of them");

        JdkSocket listener = new JdkSocket();
        WebSocket jdk = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("other", "chat")
                .buildAsync(echo, listener).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        listener.webSocket = jdk;
        assertEquals("chat", jdk.getSubprotocol(), war().name());
        String announcement = listener.nextText();
        assertTrue(announcement.matches("served by \\S.* \\(wsprobe .+\\)"), announcement);
        Await.until(() -> StatusDocument.readQuietly(war().status()).json().getJsonObject("subprotocols")
                .getInt("chat") >= 1, "/status to count chat");
        assertEquals(1000, listener.closeNormally().code());
    }
}
