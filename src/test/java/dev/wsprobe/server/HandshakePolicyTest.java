package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The decisions of the handshake policy, without a socket: what each host answers, from one place. */
class HandshakePolicyTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** {@code open} connections in all, {@code fromPeer} of them from the request's address. */
    private static HandshakePolicy.OpenConnections open(int total, int fromPeer) {
        return new HandshakePolicy.OpenConnections() {
            @Override
            public int total() {
                return total;
            }

            @Override
            public int from(String peer) {
                return fromPeer;
            }
        };
    }

    private static Optional<HandshakeRefusal> check(ServerConfig config, String method, Map<String, String> changes,
            int total, int fromPeer) {
        Map<String, String> headers = new HashMap<>(Map.of("Host", "localhost:12345", "Upgrade", "websocket",
                "Connection", "Upgrade", "Sec-WebSocket-Key", KEY, "Sec-WebSocket-Version", "13"));
        changes.forEach((name, value) -> {
            if (value.isEmpty()) {
                headers.remove(name);
            } else {
                headers.put(name, value);
            }
        });
        return new HandshakePolicy(config).check(
                new HandshakePolicy.Request(method, "/echo", "127.0.0.1", headers::get), open(total, fromPeer));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // case                 | method | header changed        | value                     | status | header expected       | its value
        "a good upgrade         | GET    | -                     | -                         | 0      | -                     | -",
        "POST                   | POST   | -                     | -                         | 405    | Allow                 | GET",
        "no Connection          | GET    | Connection            | ''                        | 400    | -                     | -",
        "Connection: close      | GET    | Connection            | close                     | 400    | -                     | -",
        "Connection: a list     | GET    | Connection            | keep-alive, Upgrade       | 0      | -                     | -",
        "Connection: lower case | GET    | Connection            | upgrade                   | 0      | -                     | -",
        "no key                 | GET    | Sec-WebSocket-Key     | ''                        | 400    | -                     | -",
        "key of 5 bytes         | GET    | Sec-WebSocket-Key     | c2hvcnQ=                  | 400    | -                     | -",
        "key not base64         | GET    | Sec-WebSocket-Key     | not base64!               | 400    | -                     | -",
        "version 8              | GET    | Sec-WebSocket-Version | 8                         | 426    | Sec-WebSocket-Version | 13",
        "no version             | GET    | Sec-WebSocket-Version | ''                        | 426    | Sec-WebSocket-Version | 13",
        "foreign page           | GET    | Origin                | http://evil.test          | 403    | -                     | -",
        "own page, other scheme | GET    | Origin                | https://localhost:12345   | 0      | -                     | -",
        "file page              | GET    | Origin                | null                      | 403    | -                     | -"})
    void eachCheckHasItsAnswer(String name, String method, String header, String value, int status,
            String expectedHeader, String expectedValue) {
        Map<String, String> changes = header == null ? Map.of() : Map.of(header, value);
        Optional<HandshakeRefusal> refusal = check(ServerConfig.DEFAULT, method, changes, 0, 0);
        if (status == 0) {
            assertEquals(Optional.empty(), refusal, name);
            return;
        }
        assertEquals(status, refusal.orElseThrow().status(), name);
        assertTrue(refusal.get().body().endsWith("\n") && refusal.get().body().length() > 1, "a reason in the body");
        Map<String, String> expected = expectedHeader == null ? Map.of() : Map.of(expectedHeader, expectedValue);
        assertEquals(expected, refusal.get().headers(), name);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // case                      | max | per address | open | from peer | status
        "under both limits           | 2   | 1           | 1    | 0         | 0",
        "server full                 | 2   | 0           | 2    | 0         | 503",
        "no limit                    | 0   | 0           | 99   | 99        | 0",
        "too many from this address  | 0   | 1           | 1    | 1         | 429"})
    void limitsAnswer503And429WithRetryAfter(String name, int max, int perAddress, int total, int fromPeer,
            int status) {
        ServerConfig config = ServerConfig.DEFAULT.withLimits(
                new ConnectionLimits(max, perAddress, ConnectionLimits.DEFAULT.handshakeTimeout()));
        Optional<HandshakeRefusal> refusal = check(config, "GET", Map.of(), total, fromPeer);
        if (status == 0) {
            assertEquals(Optional.empty(), refusal, name);
        } else {
            assertEquals(status, refusal.orElseThrow().status(), name);
            assertEquals(Map.of("Retry-After", "5"), refusal.get().headers(), name);
        }
    }

    @ParameterizedTest(name = "allowed {0}, Origin {1}")
    @CsvSource(delimiter = '|', value = {
        "http://evil.test | http://evil.test | 0",
        "*                | http://evil.test | 0",
        "null             | null             | 0",
        "http://evil.test | http://other.test| 403"})
    void listedOriginsAreLetIn(String allowed, String origin, int status) {
        ServerConfig config = ServerConfig.DEFAULT.withAllowedOrigins(AllowedOrigins.parse(allowed));
        Optional<HandshakeRefusal> refusal = check(config, "GET", Map.of("Origin", origin), 0, 0);
        assertEquals(status, refusal.map(HandshakeRefusal::status).orElse(0));
    }
}
