package dev.wsprobe.server;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as a person writes them on every side of wsprobe (command-line flags, the WAR's settings, the
 * echo's {@code delay=}): {@code 500ms}, {@code 1s}, {@code 1.5s}, {@code 2m}, {@code 1h}; a bare number means
 * seconds. At most 9 digits before the point and 6 after, so nothing overflows.
 */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,6})?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException naming what to write instead
     */
    public static Duration parse(String text) {
        Matcher match = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; write e.g. 1s, 500ms, 2m or 1h "
                    + "(a bare number is seconds)");
        }
        double amount = Double.parseDouble(match.group(1));
        String unit = match.group(2) == null ? "s" : match.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount * 1000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }
}
