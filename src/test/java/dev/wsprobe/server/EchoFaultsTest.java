package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The echo's fault parameters as the handshake policy and the endpoint read them. */
class EchoFaultsTest {
    @Test
    void everyParameterTogether() {
        EchoFaults faults = EchoFaults.parseQuery("close=4001&reason=going%20now&after=3&delay=1.5s&drop-after=9"
                + "&fragment=16&wsprobe-sender=ignored");
        assertEquals(new EchoFaults(4001, "going now", 3, Duration.ofMillis(1500), 9, 16), faults);
        assertEquals("close 4001 \"going now\" after 3, delay 1500 ms, drop after 9, fragments of 16 bytes",
                faults.describe());
    }

    @Test
    void noQueryNoFaults() {
        assertTrue(EchoFaults.parseQuery(null).none());
        assertTrue(EchoFaults.parseQuery("").none());
        assertTrue(EchoFaults.parseQuery("other=1").none());
        assertEquals("none", EchoFaults.NONE.describe());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "close=1000              | 1000 | 0",
        "close=1012              | 1012 | 0",
        "close=4999&after=0      | 4999 | 0",
        "close=3000&after=12     | 3000 | 12"})
    void closeCodesThatCanBeSent(String query, int code, long after) {
        EchoFaults faults = EchoFaults.parseQuery(query);
        assertEquals(code, faults.closeCode());
        assertEquals(after, faults.after());
    }

    @Test
    void delaysInEveryUnitAndAtMostAMinute() {
        assertEquals(Duration.ofMillis(250), EchoFaults.parseQuery("delay=250ms").delay());
        assertEquals(Duration.ofSeconds(2), EchoFaults.parseQuery("delay=2").delay());
        assertEquals(Duration.ofSeconds(60), EchoFaults.parseQuery("delay=1m").delay());
        assertEquals(Duration.ofSeconds(60), EchoFaults.parseQuery("delay=60s").delay());
        assertThrows(IllegalArgumentException.class, () -> EchoFaults.parseQuery("delay=60001ms"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "close=999              | close",
        "close=1004             | reserved",
        "close=1005             | cannot be sent",
        "close=1006             | drop-after",
        "close=1015             | cannot be sent",
        "close=2999             | cannot be sent",
        "close=5000             | close=5000",
        "close=                 | close=",
        "reason=bye             | needs close",
        "after=1                | needs close",
        "close=1000&after=-1    | after=-1",
        "delay=2h               | longer than the most",
        "delay=61s              | longer than",
        "drop-after=x           | drop-after=x",
        "fragment=0             | fragment=0",
        "fragment=99999999999   | fragment=",
        "delay=1s&delay=2s      | given 2 times",
        "close=%zz              | bad %-escape"})
    void invalidValuesSayWhatIsWrong(String query, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> EchoFaults.parseQuery(query));
        assertTrue(error.getMessage().contains(expected), query + ": " + error.getMessage());
    }

    @Test
    void aReasonHasRoomFor123BytesOfUtf8() {
        assertEquals(123, EchoFaults.parseQuery("close=4000&reason=" + "x".repeat(123)).reason().length());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> EchoFaults.parseQuery("close=4000&reason=" + "%C3%A9".repeat(62)));
        assertTrue(tooLong.getMessage().contains("124 bytes"), tooLong.getMessage());
    }

    @Test
    void thePolicyRefusesBadFaultsOnTheEchoOnlyWith400AndNoLineBreakInTheStatusLine() {
        HandshakePolicy policy = new HandshakePolicy(ServerConfig.DEFAULT);
        Map<String, String> headers = Map.of("Host", "localhost:1", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key",
                "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        Optional<HandshakeRefusal> refused = policy.check(new HandshakePolicy.Request("GET", "/ctx/echo", "127.0.0.1",
                headers::get, "close=4000&reason=a%0D%0AX-Injected:%201&after=x", java.util.List.of()), none());
        assertEquals(400, refused.orElseThrow().status());
        assertFalse(refused.get().reason().contains("\r") || refused.get().reason().contains("\n"),
                refused.get().reason());
        assertTrue(policy.check(new HandshakePolicy.Request("GET", "/receive", "127.0.0.1", headers::get,
                "close=nonsense", java.util.List.of()), none()).isEmpty(), "the receiver takes no fault parameters");
    }

    private static HandshakePolicy.OpenConnections none() {
        return new HandshakePolicy.OpenConnections() {
            @Override
            public int total() {
                return 0;
            }

            @Override
            public int from(String peer) {
                return 0;
            }
        };
    }
}
