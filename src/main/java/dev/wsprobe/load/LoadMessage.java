package dev.wsprobe.load;

import java.util.Arrays;

/**
 * The text a load connection sends: {@code t=<System.nanoTime() at send>;} padded with {@code .} to the asked
 * size. An echo brings the timestamp back, so the round trip is measured without keeping per-message state;
 * both ends of the measurement are in this JVM, where {@code nanoTime} is comparable. No {@code #<n>} suffix:
 * the receiver's sequence tracking (meant for the periodic sender) stays out of the measurement.
 */
public final class LoadMessage {
    /** {@code t=} + up to 20 characters of a long (19 digits and a sign: nanoTime may be negative) + {@code ;}. */
    public static final int MIN_SIZE = 23;
    private static final String PREFIX = "t=";

    private LoadMessage() {
    }

    public static String create(long sendNanos, int sizeBytes) {
        String stamp = PREFIX + sendNanos + ';';
        if (stamp.length() >= sizeBytes) {
            return stamp;
        }
        char[] padding = new char[sizeBytes - stamp.length()];
        Arrays.fill(padding, '.');
        return stamp + new String(padding);
    }

    /** What {@link #sendNanos} returns for a text that is not a load message (nanoTime itself may be negative). */
    public static final long NONE = Long.MIN_VALUE;

    /** The send time carried by a load message, or {@link #NONE} for any other text (an ack, a stranger's text). */
    public static long sendNanos(String text) {
        if (!text.startsWith(PREFIX)) {
            return NONE;
        }
        int end = text.indexOf(';', PREFIX.length());
        if (end < 0) {
            return NONE;
        }
        try {
            return Long.parseLong(text, PREFIX.length(), end, 10);
        } catch (NumberFormatException e) {
            return NONE;
        }
    }
}
