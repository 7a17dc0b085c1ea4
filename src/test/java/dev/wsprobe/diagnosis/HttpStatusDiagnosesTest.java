package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.wire.HttpHead;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each answer other than 101 to the upgrade means, given what the request carried. */
class HttpStatusDiagnosesTest {
    private static final URI TARGET = URI.create("ws://127.0.0.1:8080/recieve?x=1");

    @ParameterizedTest(name = "{0} {1} [{3}] -> {4}")
    @CsvSource(delimiter = '|', textBlock = """
        HTTP/1.1 404 Not Found           |                                 |                                |              | HTTP_CLIENT_ERROR      | the server answered HTTP 404 to the upgrade: the path /recieve does not exist
        HTTP/1.1 403 Forbidden           |                                 |                                |              | FORBIDDEN              | the server answered HTTP 403 to the upgrade: forbidden
        HTTP/1.1 403 Forbidden           |                                 | origin not allowed             |              | FORBIDDEN              | the server answered HTTP 403 to the upgrade: forbidden (it says: origin not allowed)
        HTTP/1.1 401 Unauthorized        | WWW-Authenticate: Bearer realm=x |                               |              | CREDENTIALS_MISSING    | the server answered HTTP 401 to the upgrade: it requires credentials (Bearer) and none were sent
        HTTP/1.1 401 Unauthorized        | WWW-Authenticate: Basic realm=x |                                | auth         | CREDENTIALS_REFUSED    | the server answered HTTP 401 to the upgrade: the credentials sent were refused (it asks for Basic)
        HTTP/1.1 401 Unauthorized        |                                 |                                |              | CREDENTIALS_MISSING    | the server answered HTTP 401 to the upgrade: it requires credentials (no scheme named) and none were sent
        HTTP/1.1 400 Bad Request         |                                 | subprotocol chat is required   |              | SUBPROTOCOL_REQUIRED   | the server answered HTTP 400 to the upgrade: it requires a subprotocol and none was offered (it says: subprotocol chat is required)
        HTTP/1.1 400 Bad Request         |                                 | subprotocol chat is required   | mqtt         | SUBPROTOCOL_NOT_AGREED | the server answered HTTP 400 to the upgrade: it accepts none of the subprotocols offered (mqtt) (it says: subprotocol chat is required)
        HTTP/1.1 426 Upgrade Required    | Sec-WebSocket-Protocol: chat    | unsupported Sec-WebSocket-Protocol | stomp    | SUBPROTOCOL_NOT_AGREED | the server answered HTTP 426 to the upgrade: it accepts none of the subprotocols offered (stomp) (it says: unsupported Sec-WebSocket-Protocol)
        HTTP/1.1 400 Bad Request         |                                 | missing header X-Tenant        |              | HTTP_CLIENT_ERROR      | the server answered HTTP 400 to the upgrade (HTTP/1.1 400 Bad Request) (it says: missing header X-Tenant)
        HTTP/1.1 426 Upgrade Required    | Sec-WebSocket-Version: 8        |                                |              | HTTP_CLIENT_ERROR      | the server answered HTTP 426 to the upgrade: upgrade required (server wants Sec-WebSocket-Version 8)
        HTTP/1.1 429 Too Many Requests   | Retry-After: 1                  |                                |              | HTTP_CLIENT_ERROR      | the server answered HTTP 429 to the upgrade (HTTP/1.1 429 Too Many Requests)
        HTTP/1.1 503 Service Unavailable |                                 |                                |              | HTTP_SERVER_ERROR      | the server answered HTTP 503 to the upgrade (HTTP/1.1 503 Service Unavailable)
        HTTP/1.1 302 Found               | Location: wss://example.test/   |                                |              | REDIRECTED             | the server answered HTTP 302 to the upgrade: a redirect to wss://example.test/
        HTTP/1.1 301 Moved Permanently   |                                 |                                |              | REDIRECTED             | the server answered HTTP 301 to the upgrade: a redirect without a Location
        HTTP/1.1 200 OK                  | Content-Type: text/html         |                                |              | NOT_WEBSOCKET          | the server answered HTTP 200 without upgrading: this URL is not a WebSocket endpoint
        """)
    void eachStatusGetsItsWords(String statusLine, String header, String page, String request, DiagnosisCode code,
            String cause) {
        String raw = statusLine + "\r\n" + (header == null ? "" : header + "\r\n") + "\r\n";
        CheckRequest options = CheckRequest.NONE;
        if ("auth".equals(request)) {
            options = options.withHeader("Authorization", "Basic dTpw");
        } else if (request != null) {
            options = options.withSubprotocols(List.of(request));
        }
        Diagnosis diagnosis = HttpStatusDiagnoses.of(HttpHead.parse(raw.getBytes(StandardCharsets.ISO_8859_1)),
                page == null ? "" : page, TARGET, options);
        assertEquals(code, diagnosis.code());
        assertEquals(cause, diagnosis.cause());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        Bearer realm="chat" | give the token: --bearer-token-file FILE or WSPROBE_BEARER_TOKEN
        basic realm=x       | give user:password: --auth-basic-file FILE or WSPROBE_BASIC_AUTH
        Negotiate           | send them with --bearer-token-file FILE, --auth-basic-file FILE or -H 'Authorization: ...'
        """)
    void missingCredentialsPointToTheOptionForTheScheme(String challenge, String fix) {
        String raw = "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: " + challenge + "\r\n\r\n";
        assertEquals(fix, HttpStatusDiagnoses.of(HttpHead.parse(raw.getBytes(StandardCharsets.ISO_8859_1)), "",
                TARGET, CheckRequest.NONE).fix());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
        https://example.test/chat | wss://example.test/chat
        http://example.test:81/   | ws://example.test:81/
        wss://example.test/       | wss://example.test/
        /other                    | ws://127.0.0.1:8080/other
        """)
    void aRedirectNamesTheWebSocketUrlToUse(String location, String url) {
        String raw = "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\n\r\n";
        assertEquals("WebSocket clients do not follow redirects: use " + url, HttpStatusDiagnoses.of(
                HttpHead.parse(raw.getBytes(StandardCharsets.ISO_8859_1)), "", TARGET, CheckRequest.NONE).fix());
    }
}
