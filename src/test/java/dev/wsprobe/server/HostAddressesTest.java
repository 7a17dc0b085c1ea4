package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Addresses in the logs as people write them (RFC 5952), and the rate limit of lines clients can cause. */
class HostAddressesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "0:0:0:0:0:0:0:1, ::1",
        "::, ::",
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "127.0.0.1, 127.0.0.1"})
    void compressedForm(String literal, String expected) throws Exception {
        assertEquals(expected, HostAddresses.text(InetAddress.getByName(literal)));
        assertEquals(expected, HostAddresses.normalized(literal));
    }

    @org.junit.jupiter.api.Test
    void withAPortIPv6IsInBrackets() throws Exception {
        assertEquals("[::1]:51234", HostAddresses.text(InetAddress.getByName("::1"), 51234));
        assertEquals("127.0.0.1:80", HostAddresses.text(InetAddress.getByName("127.0.0.1"), 80));
    }

    @org.junit.jupiter.api.Test
    void aRateLimitedLineAtMostOnceAnIntervalThenSaysHowManyWereLeftOut() {
        java.util.List<String> lines = new java.util.ArrayList<>();
        System.Logger logger = new System.Logger() {
            @Override
            public String getName() {
                return "test";
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
                lines.add(msg);
            }

            @Override
            public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
                lines.add(format);
            }
        };
        AtomicLong now = new AtomicLong(1_000);
        RateLimitedLog log = new RateLimitedLog(logger, System.Logger.Level.WARNING, java.time.Duration.ofNanos(100),
                now::get);
        log.log(() -> "first");
        log.log(() -> "second");
        log.log(() -> "third");
        now.addAndGet(100);
        log.log(() -> "fourth");
        assertEquals(java.util.List.of("first", "fourth (2 more like it since the last such line not shown)"), lines);
    }
}
