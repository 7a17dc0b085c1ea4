package dev.wsprobe.sender;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a periodic sender does.
 *
 * @param target       ws:// or wss:// URL (checked by {@link WebSocketUrl})
 * @param name         label in log lines, e.g. {@code sender} or {@code sender wss}
 * @param firstSend    delay from {@code ready} to the first message; default 1 s as in the seed
 * @param interval     time between messages; default 1 s
 * @param count        messages to send before closing normally (1000); 0 = until stopped
 * @param template     message text, see {@link MessageTemplate}
 * @param binary       send the text's UTF-8 bytes as binary messages instead of text messages
 */
public record SenderOptions(URI target, String name, Duration firstSend, Duration interval, long count,
        String template, boolean binary) {

    public static final Duration DEFAULT_FIRST_SEND = Duration.ofSeconds(1);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    public SenderOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        if (firstSend.isNegative()) {
            throw new IllegalArgumentException("the delay before the first message cannot be negative");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + interval);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 (no limit) or positive, got " + count);
        }
    }

    /** The seed's sender: first message after 1 s, then one a second, forever. */
    public static SenderOptions defaults(URI target) {
        return new SenderOptions(target, "sender", DEFAULT_FIRST_SEND, DEFAULT_INTERVAL, 0,
                MessageTemplate.DEFAULT, false);
    }

    public SenderOptions withName(String newName) {
        return new SenderOptions(target, newName, firstSend, interval, count, template, binary);
    }

    public SenderOptions withCount(long newCount) {
        return new SenderOptions(target, name, firstSend, interval, newCount, template, binary);
    }

    public SenderOptions withTiming(Duration newFirstSend, Duration newInterval) {
        return new SenderOptions(target, name, newFirstSend, newInterval, count, template, binary);
    }

    public SenderOptions withTemplate(String newTemplate, boolean sendBinary) {
        return new SenderOptions(target, name, firstSend, interval, count, newTemplate, sendBinary);
    }
}
