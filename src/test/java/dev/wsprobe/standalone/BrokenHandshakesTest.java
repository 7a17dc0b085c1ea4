package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.RawWebSocket;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A broken upgrade request gets a 4xx answer: never a 500, never silence. */
class BrokenHandshakesTest {
    @RegisterExtension
    static final WsprobeServerExtension SERVER = WsprobeServerExtension.builder().build();
    private final URI echo = SERVER.echoUrl();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing key      | GET /echo HTTP/1.1~Host: x~Upgrade: websocket~Connection: Upgrade~Sec-WebSocket-Version: 13",
        "bad key          | GET /echo HTTP/1.1~Host: x~Upgrade: websocket~Connection: Upgrade~Sec-WebSocket-Key: short~Sec-WebSocket-Version: 13",
        "wrong version    | GET /echo HTTP/1.1~Host: x~Upgrade: websocket~Connection: Upgrade~Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==~Sec-WebSocket-Version: 8",
        "not a GET        | POST /echo HTTP/1.1~Host: x~Upgrade: websocket~Connection: Upgrade~Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==~Sec-WebSocket-Version: 13~Content-Length: 0",
        "no Upgrade       | GET /echo HTTP/1.1~Host: x~Connection: Upgrade~Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==~Sec-WebSocket-Version: 13"})
    void brokenUpgradeGetsA4xx(String name, String request) throws Exception {
        try (RawWebSocket client = RawWebSocket.open(echo)) {
            String response = client.request(request.replace("~", "\r\n") + "\r\n\r\n");
            assertTrue(response.matches("(?s)HTTP/1\\.1 4\\d\\d .*"), name + " got: " + response);
        }
    }
}
