package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.wire.HttpHead;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each answer other than 101 to the upgrade means. */
class HttpStatusDiagnosesTest {
    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        HTTP/1.1 404 Not Found           |                               | HTTP_CLIENT_ERROR | the server answered HTTP 404 to the upgrade: the path /recieve does not exist
        HTTP/1.1 403 Forbidden           |                               | HTTP_CLIENT_ERROR | the server answered HTTP 403 to the upgrade: forbidden
        HTTP/1.1 401 Unauthorized        |                               | HTTP_CLIENT_ERROR | the server answered HTTP 401 to the upgrade: authentication required
        HTTP/1.1 426 Upgrade Required    | Sec-WebSocket-Version: 8      | HTTP_CLIENT_ERROR | the server answered HTTP 426 to the upgrade: upgrade required (server wants Sec-WebSocket-Version 8)
        HTTP/1.1 429 Too Many Requests   | Retry-After: 1                | HTTP_CLIENT_ERROR | the server answered HTTP 429 to the upgrade (HTTP/1.1 429 Too Many Requests)
        HTTP/1.1 503 Service Unavailable |                               | HTTP_SERVER_ERROR | the server answered HTTP 503 to the upgrade (HTTP/1.1 503 Service Unavailable)
        HTTP/1.1 302 Found               | Location: wss://example.test/ | NOT_WEBSOCKET     | the server answered HTTP 302 to the upgrade: a redirect to wss://example.test/
        HTTP/1.1 301 Moved Permanently   |                               | NOT_WEBSOCKET     | the server answered HTTP 301 to the upgrade: a redirect to (no Location)
        HTTP/1.1 200 OK                  | Content-Type: text/html       | NOT_WEBSOCKET     | the server answered HTTP 200 without upgrading: this URL is not a WebSocket endpoint
        """)
    void eachStatusGetsItsWords(String statusLine, String header, DiagnosisCode code, String cause) {
        String raw = statusLine + "\r\n" + (header == null ? "" : header + "\r\n") + "\r\n";
        Diagnosis diagnosis = HttpStatusDiagnoses.of(HttpHead.parse(raw.getBytes(StandardCharsets.ISO_8859_1)),
                "/recieve");
        assertEquals(code, diagnosis.code());
        assertEquals(cause, diagnosis.cause());
    }
}
