package dev.wsprobe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebSocketUrlTest {
    @Test
    void acceptsWsAndWss() {
        assertEquals(URI.create("ws://localhost:12345/receive"), WebSocketUrl.parse("ws://localhost:12345/receive"));
        assertEquals(URI.create("wss://[::1]:12346/echo"), WebSocketUrl.parse(" wss://[::1]:12346/echo "));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "http://localhost:12345/receive | use ws://localhost:12345/receive",
        "https://example.test/echo      | use wss://example.test/echo",
        "localhost:12345                | no scheme; write ws://localhost:12345",
        "example.test/echo              | no scheme; write ws://example.test/echo",
        "ftp://example.test             | scheme \"ftp\" is not a WebSocket scheme",
        "ws://                          | expected something like ws://localhost:12345/receive",
        "ws:///receive                  | no host name",
        "ws://bad host/                 | Illegal character"})
    void refusesWithAHint(String url, String hint) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> WebSocketUrl.parse(url));
        assertEquals(true, error.getMessage().startsWith("bad URL \"" + url + "\""), error.getMessage());
        assertEquals(true, error.getMessage().contains(hint), error.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ws://localhost:99999/", "ws://localhost:-1/",
        "ws://localhost:0/", "wss://127.0.0.1:65536/x", "ws://[::1]:70000/", "ws://user@host:0/"})
    void portOutsideTheRangeIsSaidAsSuch(String url) {
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WebSocketUrl.parse(url));
        org.junit.jupiter.api.Assertions.assertTrue(error.getMessage().contains("port must be 1-65535"),
                error.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"ws://localhost:1/", "ws://localhost:65535/",
        "ws://[::1]:8080/echo", "ws://localhost/", "ws://localhost:/"})
    void portsInTheRangeOrNoneAreFine(String url) {
        org.junit.jupiter.api.Assertions.assertEquals(url, WebSocketUrl.parse(url).toString());
    }
}
