package dev.wsprobe.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The opening handshake, checked against RFC 6455's example (section 1.3). */
class UpgradeTest {
    private static final String RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    @Test
    void theAcceptHashIsTheRfcExample() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Upgrade.acceptFor(RFC_KEY));
    }

    @Test
    void keysAreSixteenFreshRandomBytes() {
        String key = Upgrade.newKey();
        assertEquals(16, Base64.getDecoder().decode(key).length);
        assertNotEquals(key, Upgrade.newKey());
    }

    @Test
    void theRequestHasTheRequiredHeadersThenTheExtraOnesInOrder() throws IOException {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("Origin", "https://example.test");
        extra.put("User-Agent", "test");
        String request = Upgrade.request("/echo?x=1", "localhost:12345", RFC_KEY, extra);
        assertEquals("GET /echo?x=1 HTTP/1.1\r\nHost: localhost:12345\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + RFC_KEY + "\r\nSec-WebSocket-Version: 13\r\nOrigin: https://example.test\r\n"
                + "User-Agent: test\r\n\r\n", request);
        HttpHead head = HttpHead.read(new ByteArrayInputStream(request.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("GET /echo?x=1 HTTP/1.1", head.startLine());
        assertEquals(RFC_KEY, head.header("Sec-WebSocket-Key"));
    }

    @Test
    void aSwitchingProtocolsAnswerIsAcceptedOnlyForItsOwnKey() throws IOException {
        HttpHead answer = HttpHead.read(new ByteArrayInputStream(
                Upgrade.switchingProtocols(RFC_KEY).getBytes(StandardCharsets.US_ASCII)));
        assertEquals(101, answer.status());
        assertTrue(Upgrade.accepted(RFC_KEY, answer));
        assertFalse(Upgrade.accepted(Upgrade.newKey(), answer));
    }

    @Test
    void aHeadCutShortIsAnErrorButItsBytesCanStillBeRead() throws IOException {
        byte[] cut = "HTTP/1.1 200 OK\r\nServer: x".getBytes(StandardCharsets.US_ASCII);
        assertThrows(IOException.class, () -> HttpHead.read(new ByteArrayInputStream(cut)));
        assertEquals(cut.length, HttpHead.readRaw(new ByteArrayInputStream(cut)).length);
        assertEquals(0, HttpHead.readRaw(new ByteArrayInputStream(new byte[0])).length);
    }

    @Test
    void readingStopsAtATlsRecord() throws IOException {
        byte[] alert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
        byte[] raw = HttpHead.readRaw(new ByteArrayInputStream(alert));
        assertEquals(2, raw.length);
        assertTrue(HttpHead.isTlsRecord(raw));
    }

    @Test
    void statusIsMinusOneWhenTheStartLineHasNone() {
        assertEquals(-1, HttpHead.parse("SSH-2.0-OpenSSH\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).status());
        assertEquals(404, HttpHead.parse("HTTP/1.1 404 Not Found\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).status());
    }
}
