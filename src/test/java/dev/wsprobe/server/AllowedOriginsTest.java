package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedOriginsTest {
    private final AllowedOrigins defaults = AllowedOrigins.parse("");

    @Test
    void clientsWithoutOriginAreAlwaysAllowed() {
        assertTrue(defaults.allows(null, "localhost:12345"));
        assertTrue(defaults.allows(null, null));
    }

    @ParameterizedTest(name = "{0} from a page at {1}")
    @CsvSource({
        "http://localhost:12345, localhost:12345",
        "https://LOCALHOST:12346, localhost:12346",
        "http://[::1]:12345, [::1]:12345",
        "http://example.com, example.com",
        "https://example.com, example.com",        // TLS proxy in front, Host kept
        "https://example.com:443, example.com",
        "http://127.0.0.1:8080, 127.0.0.1:8080"})
    void byDefaultThePagesOwnOriginIsAllowed(String origin, String host) {
        assertTrue(defaults.allows(origin, host));
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "http://evil.test, localhost:12345",
        "http://localhost:3000, localhost:12345",   // another port is another origin
        "http://127.0.0.1:12345, localhost:12345",  // another host name too
        "null, localhost:12345",                   // a page opened from a file
        "not an origin, localhost:12345"})
    void byDefaultOtherOriginsAreRefused(String origin, String host) {
        assertFalse(defaults.allows(origin, host));
    }

    @Test
    void withoutTheHostHeaderOnlyListedOriginsPass() {
        assertFalse(defaults.allows("http://localhost:12345", null));
        assertTrue(AllowedOrigins.parse("http://localhost:12345").allows("http://localhost:12345", null));
    }

    @Test
    void listedOriginsAreComparedNormalized() {
        AllowedOrigins listed = AllowedOrigins.parse(" http://Localhost:3000/ , https://tools.example.com:443,null");
        assertTrue(listed.allows("http://localhost:3000", "localhost:12345"));
        assertTrue(listed.allows("https://tools.example.com", "localhost:12345"));
        assertTrue(listed.allows("null", "localhost:12345"));
        assertFalse(listed.allows("http://localhost:3001", "localhost:12345"));
        assertTrue(listed.allows("http://localhost:12345", "localhost:12345"), "own origin still allowed");
    }

    @Test
    void starAllowsAnything() {
        AllowedOrigins any = AllowedOrigins.parse("*");
        assertTrue(any.allowsAny());
        assertTrue(any.allows("http://evil.test", "localhost:1"));
        assertTrue(any.allows("null", null));
    }

    @Test
    void aBadEntryIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllowedOrigins.parse("http://ok.test,localhost:3000"));
        assertTrue(e.getMessage().startsWith("'localhost:3000' is not an origin"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AllowedOrigins.parse("http://x.test/path"));
    }

    @Test
    void describesWhatIsAllowed() {
        assertEquals("the page's own origin, clients without Origin", defaults.describe());
        assertEquals("the page's own origin, clients without Origin, http://localhost:3000",
                AllowedOrigins.parse("http://localhost:3000").describe());
        assertEquals("any origin (*)", AllowedOrigins.parse("*").describe());
    }
}
