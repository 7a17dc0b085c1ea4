package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StartAtTest {
    private static final Instant NOW = Instant.parse("2026-12-02T09:58:00.400Z");

    @Test
    void anInstantAheadIsTakenWithOrWithoutAnOffset() {
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), StartAt.parse("2026-12-02T10:00:00Z", NOW).at());
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), StartAt.parse("2026-12-02T11:00:00+01:00", NOW).at());
    }

    @Test
    void aTimeInThePastIsRefused() {
        assertEquals("--start-at 2026-12-02T09:58:00Z is in the past (now is 2026-12-02T09:58:00Z on this machine's "
                + "clock): give a time after every worker will have connected", error("2026-12-02T09:58:00Z"));
    }

    @Test
    void aTimeTooFarAwayIsRefused() {
        assertEquals("--start-at 2026-12-03T10:00:00Z is more than 24 hours away (now is 2026-12-02T09:58:00Z on this "
                + "machine's clock): check the date", error("2026-12-03T10:00:00Z"));
    }

    @Test
    void aTimeWithoutOffsetIsRefused() {
        assertEquals("--start-at must be an ISO-8601 instant with its offset, e.g. 2026-12-02T10:00:00Z; got "
                + "'2026-12-02T10:00:00'", error("2026-12-02T10:00:00"));
    }

    @Test
    void connectingStartsTwiceTheRampsTimeTheWarmUpAndTenSecondsAhead() {
        StartAt start = StartAt.parse("2026-12-02T10:00:00Z", NOW);
        LoadOptions options = LoadOptions.of(URI.create("ws://127.0.0.1:1/echo")).withConnections(1000)
                .withRamp(100).withTiming(Duration.ofSeconds(5), Duration.ofSeconds(10));
        // 119.6 s until the start, minus 20 s (twice 1000 at 100 a second), 10 s and the 5 s warm-up
        assertEquals(TimeUnit.MILLISECONDS.toNanos(84_600), start.idleNanos(options, NOW));
        assertEquals(0, start.idleNanos(options.withConnections(10_000), NOW), "too late to wait: connect now");
        assertEquals(TimeUnit.MILLISECONDS.toNanos(119_600), start.nanosUntil(NOW));
        assertEquals(0, start.nanosUntil(Instant.parse("2026-12-02T10:00:01Z")));
    }

    @Test
    void aLateWindowIsSaid() {
        StartAt start = new StartAt(Instant.parse("2026-12-02T10:00:00Z"));
        assertNull(start.lateness(Instant.parse("2026-12-02T10:00:00.100Z")));
        assertEquals("the measured window starts 2.500 s after --start-at 2026-12-02T10:00:00Z: connecting (and the "
                + "warm-up) took longer; other workers' windows overlap this one less",
                start.lateness(Instant.parse("2026-12-02T10:00:02.500Z")));
    }

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> StartAt.parse(text, NOW)).getMessage();
    }
}
