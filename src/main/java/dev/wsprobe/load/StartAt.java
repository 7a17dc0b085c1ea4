package dev.wsprobe.load;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code load --start-at TIME}: the wall-clock instant at which the measured window starts, so that load
 * processes on several machines measure the same time. The run connects ahead of it (by twice the ramp's
 * time, the warm-up and a margin) and keeps sending, unmeasured, until then; a run that connects too
 * slowly starts measuring late and says so.
 *
 * @param at when the measured window starts
 */
public record StartAt(Instant at) {
    /** Beyond this a time is more likely a typo (a wrong day or year) than a plan. */
    static final Duration FURTHEST = Duration.ofHours(24);
    /** Room beyond the ramp's nominal time, for a busy machine's slower handshakes. */
    private static final Duration CONNECT_MARGIN = Duration.ofSeconds(10);
    /** A measured window that starts this much late is worth a line. */
    private static final Duration LATE = Duration.ofMillis(500);

    /**
     * Parses an ISO-8601 instant ({@code 2026-12-02T10:00:00Z}, or with an offset such as {@code +01:00}) and
     * checks it lies ahead of {@code now}, by at most {@link #FURTHEST}.
     *
     * @throws IllegalArgumentException naming the problem, for a usage error
     */
    public static StartAt parse(String text, Instant now) {
        Instant at;
        try {
            at = java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--start-at must be an ISO-8601 instant with its offset, e.g. "
                    + "2026-12-02T10:00:00Z; got '" + text + "'", e);
        }
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("--start-at " + at + " is in the past (now is " + seconds(now)
                    + " on this machine's clock): give a time after every worker will have connected");
        }
        if (at.isAfter(now.plus(FURTHEST))) {
            throw new IllegalArgumentException("--start-at " + at + " is more than " + FURTHEST.toHours()
                    + " hours away (now is " + seconds(now) + " on this machine's clock): check the date");
        }
        return new StartAt(at);
    }

    private static Instant seconds(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** How long to wait, idle, before connecting, so that connecting and the warm-up end about at the start. */
    long idleNanos(LoadOptions options, Instant now) {
        double rampSeconds = options.connections() / options.rampPerSecond();
        Duration lead = Duration.ofMillis((long) (2 * rampSeconds * 1000)).plus(CONNECT_MARGIN)
                .plus(options.warmup());
        return Math.max(0, Duration.between(now, at.minus(lead)).toNanos());
    }

    /** How long from {@code now} until the measured window starts; 0 when it is due. */
    long nanosUntil(Instant now) {
        return Math.max(0, Duration.between(now, at).toNanos());
    }

    /** A line saying the window starts late, or null when it starts on time. */
    String lateness(Instant measuringFrom) {
        Duration late = Duration.between(at, measuringFrom);
        if (late.compareTo(LATE) < 0) {
            return null;
        }
        return "the measured window starts " + LoadReport.format(late.toMillis() / 1000.0) + " s after --start-at "
                + at + ": connecting (and the warm-up) took longer; other workers' windows overlap this one less";
    }
}
