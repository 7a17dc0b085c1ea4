package dev.wsprobe.server;

import java.util.Locale;

/**
 * How server endpoints log the messages they receive. A line per message is what the seed shows
 * ({@code connection did receive content, size: 52}), and what a person watching a few senders wants; at
 * thousands of messages a second the console itself becomes the bottleneck, so by default only the first
 * {@link #LINES_PER_SECOND} messages of each second get their own line and the rest are summed up in one line
 * per second and endpoint. Part of each server's {@link ServerConfig}.
 */
public enum MessageLogging {
    /** A line for each of the first {@value #LINES_PER_SECOND} messages per second and endpoint; the rest summed up. */
    AUTO,
    /** A line for every message, whatever the rate (the seed's behaviour; slows the server down under load). */
    EVERY,
    /** Only the summed-up line, once a second while messages arrive. */
    SUMMARY;

    /** Messages per second and endpoint that still get a line each under {@link #AUTO}. */
    public static final int LINES_PER_SECOND = 20;

    /** {@code auto}, {@code every} or {@code summary}, in any case. */
    public static MessageLogging parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a message logging mode; use auto, every or summary",
                    e);
        }
    }
}
