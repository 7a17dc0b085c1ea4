package dev.wsprobe.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Misbehaviour on demand, asked for by query parameters on {@code /echo}, so that a client's reconnect and error
 * handling can be tested against a real server:
 * <ul>
 * <li>{@code close=CODE} (with {@code reason=TEXT} and {@code after=N}): close with that code after echoing N
 * messages (0, the default: right after the open);</li>
 * <li>{@code delay=DURATION} ({@code 500ms}, {@code 2s}; at most 60 s): every echo that late;</li>
 * <li>{@code drop-after=N}: drop the TCP connection without a close frame after N echoes (the client sees
 * 1006);</li>
 * <li>{@code fragment=BYTES}: send each echo as fragments (continuation frames) of that many bytes at most.</li>
 * </ul>
 * Parsed once by the handshake policy, which refuses invalid values with 400 and the reason, and again by the
 * echo endpoint when the connection opens. Other query parameters are ignored.
 *
 * @param closeCode the close code to send, 0 for none
 * @param reason    the close reason, at most 123 bytes in UTF-8
 * @param after     echoes before the close
 * @param delay     how late each echo goes out, {@link Duration#ZERO} for at once
 * @param dropAfter echoes before the connection is dropped, -1 for never
 * @param fragment  largest fragment of an echo in bytes (text: in characters, never splitting one), 0 for whole
 *                  messages
 */
public record EchoFaults(int closeCode, String reason, long after, Duration delay, long dropAfter, int fragment) {
    public static final EchoFaults NONE = new EchoFaults(0, "", 0, Duration.ZERO, -1, 0);
    public static final Duration MAX_DELAY = Duration.ofSeconds(60);
    /** A close frame's payload is at most 125 bytes, two of them the code. */
    public static final int MAX_REASON_BYTES = 123;
    public static final String CLOSE = "close";
    public static final String REASON = "reason";
    public static final String AFTER = "after";
    public static final String DELAY = "delay";
    public static final String DROP_AFTER = "drop-after";
    public static final String FRAGMENT = "fragment";
    private static final List<String> NAMES = List.of(CLOSE, REASON, AFTER, DELAY, DROP_AFTER, FRAGMENT);

    /** True when nothing is asked for. */
    public boolean none() {
        return equals(NONE);
    }

    /** From a raw query string ({@code close=4000&reason=bye}); null or empty for none. */
    public static EchoFaults parseQuery(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                parameters.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
            }
        }
        return parse(parameters);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the query has a bad %-escape in '" + text + "'");
        }
    }

    /**
     * From decoded query parameters, as {@code Session.getRequestParameterMap()} gives them.
     *
     * @throws IllegalArgumentException naming the parameter, what is wrong and what to write
     */
    public static EchoFaults parse(Map<String, List<String>> parameters) {
        for (String name : NAMES) {
            List<String> values = parameters.get(name);
            if (values != null && values.size() > 1) {
                throw new IllegalArgumentException(name + " is given " + values.size() + " times; give it once");
            }
        }
        String close = single(parameters, CLOSE);
        String reason = single(parameters, REASON);
        String after = single(parameters, AFTER);
        int code = 0;
        if (close != null) {
            code = (int) number(CLOSE, close, 1000, 4999);
            if (!sendable(code)) {
                throw new IllegalArgumentException("close=" + code + " cannot be sent in a close frame; use 1000-1003, "
                        + "1007-1014 or 3000-4999 (1004 is reserved; 1005, 1006 and 1015 only report what happened, "
                        + "for a dropped connection use drop-after=N)");
            }
        } else if (reason != null || after != null) {
            throw new IllegalArgumentException((reason != null ? REASON : AFTER) + " needs close=CODE");
        }
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new IllegalArgumentException("reason is " + reason.getBytes(StandardCharsets.UTF_8).length
                    + " bytes in UTF-8; a close reason has room for " + MAX_REASON_BYTES);
        }
        long closeAfter = after == null ? 0 : number(AFTER, after, 0, Long.MAX_VALUE);
        String delayText = single(parameters, DELAY);
        Duration delay = delayText == null ? Duration.ZERO : duration(delayText);
        String drop = single(parameters, DROP_AFTER);
        long dropAfter = drop == null ? -1 : number(DROP_AFTER, drop, 0, Long.MAX_VALUE);
        String fragmentText = single(parameters, FRAGMENT);
        int fragment = fragmentText == null ? 0 : (int) number(FRAGMENT, fragmentText, 1, Integer.MAX_VALUE);
        return new EchoFaults(code, reason == null ? "" : reason, closeAfter, delay, dropAfter, fragment);
    }

    /** Codes an endpoint may put in a close frame (RFC 6455 7.4, and the IANA registry's 1012-1014). */
    static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static long number(String name, String text, long min, long max) {
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException(name + "=" + text + " is not a whole number from " + min
                + (max == Long.MAX_VALUE || max == Integer.MAX_VALUE ? " up" : " to " + max));
    }

    private static Duration duration(String text) {
        Duration delay;
        try {
            delay = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("delay=" + text + " is not a duration; write e.g. 500ms, 2s or 1m "
                    + "(a bare number is seconds)", e);
        }
        if (delay.compareTo(MAX_DELAY) > 0) {
            throw new IllegalArgumentException("delay=" + text + " is longer than the most, "
                    + MAX_DELAY.toSeconds() + "s");
        }
        return delay;
    }

    /** {@code close 4000 "bye" after 2, delay 500 ms}, for the connection's log line. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (closeCode != 0) {
            parts.add("close " + closeCode + (reason.isEmpty() ? "" : " \"" + reason + "\"") + " after " + after);
        }
        if (!delay.isZero()) {
            parts.add("delay " + delay.toMillis() + " ms");
        }
        if (dropAfter >= 0) {
            parts.add("drop after " + dropAfter);
        }
        if (fragment > 0) {
            parts.add("fragments of " + fragment + " bytes");
        }
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }
}
