package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.RawWebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The standalone host's own answers to broken upgrades, exactly. The refusals of the shared handshake policy
 * (400 for a missing {@code Connection: Upgrade} or a missing or bad key, 405 with {@code Allow: GET}, 426 with
 * {@code Sec-WebSocket-Version: 13}, 403 for a foreign origin, each with its length) are checked on every host
 * by {@code EndpointSuite} ({@link StandaloneEndpointTest} for this one). What is left here is what only this
 * host answers: a handshake the policy lets through but Tyrus refuses (no {@code Host}), a complete HTTP response
 * with {@code Content-Length: 0} as docs/interop.md promises (Grizzly writes the length for this one; the host's
 * {@code CompleteRefusalEngine} adds it where Tyrus would leave it out), and requests that are no upgrade to an
 * endpoint at all.
 */
class BrokenHandshakesTest {
    private static final String UPGRADE_HEADERS = "Upgrade: websocket~Connection: Upgrade~"
            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==~Sec-WebSocket-Version: 13";

    @RegisterExtension
    static final WsprobeServerExtension SERVER = WsprobeServerExtension.builder().build();
    private final URI echo = SERVER.echoUrl();

    private static String header(String response, String name) {
        for (String line : response.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    @Test
    void anUpgradeWithoutHostIsTyrusOwn400WithContentLengthZero() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(echo)) {
            String response = client.request(("GET /echo HTTP/1.1~" + UPGRADE_HEADERS + "~~").replace("~", "\r\n"));
            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
            assertEquals("0", header(response, "Content-Length"), "a length, so that an HTTP client stops waiting: "
                    + response);
        }
    }

    @Test
    void anUpgradeToAPathWithoutEndpointGets404AndTheConnectionEnds() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(echo)) {
            String response = client.request(("GET /nowhere HTTP/1.1~Host: x~" + UPGRADE_HEADERS + "~~")
                    .replace("~", "\r\n"));
            assertTrue(response.startsWith("HTTP/1.1 404 "), response);
            // Grizzly's own error page, without a length: the end of the connection ends the body
            assertTrue(client.closedByServerWithin(Duration.ofSeconds(10)), "the 404's body never ended");
        }
    }

    /** Not an upgrade, but not a plain request either: the request echo at /echo says what is missing. */
    @Test
    void handshakeHeadersWithoutUpgradeGet400FromTheRequestEcho() throws Exception {
        try (RawWebSocket client = RawWebSocket.open(echo)) {
            String response = client.request(("GET /echo HTTP/1.1~Host: x~Connection: Upgrade~"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==~Sec-WebSocket-Version: 13~~").replace("~", "\r\n"));
            assertTrue(response.startsWith("HTTP/1.1 400 "), response);
            assertTrue(header(response, "Content-Length") != null, response);
        }
    }
}
