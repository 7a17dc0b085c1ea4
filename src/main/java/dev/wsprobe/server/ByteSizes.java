package dev.wsprobe.server;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: {@code 65536}, {@code 64k} / {@code 64KiB}, {@code 1m} / {@code 1MiB} (powers
 * of 1024). Shared by every host's configuration (CLI flag, WAR setting), so they accept the same words.
 */
public final class ByteSizes {
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*(k|kib|kb|m|mib|mb)?");

    private ByteSizes() {
    }

    /** @throws IllegalArgumentException with a one-line reason saying what to write instead */
    public static int parse(String value) {
        Matcher match = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!match.matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a size; write e.g. 65536, 64k or 1m");
        }
        long bytes;
        try {
            bytes = Long.parseLong(match.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + value + "' is out of range (1 byte to 2 GiB)");
        }
        String unit = match.group(2) == null ? "" : match.group(2).substring(0, 1);
        long factor = switch (unit) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024L;
            default -> 1L;
        };
        if (bytes < 1 || bytes > Integer.MAX_VALUE / factor) {
            throw new IllegalArgumentException("'" + value + "' is out of range (1 byte to 2 GiB)");
        }
        return (int) (bytes * factor);
    }
}
