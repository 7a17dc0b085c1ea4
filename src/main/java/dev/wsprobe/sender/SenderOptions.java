package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.Words;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What a periodic sender does.
 *
 * @param target           ws:// or wss:// URL (checked by {@link WebSocketUrl})
 * @param name             label in log lines, e.g. {@code sender} or {@code sender wss}
 * @param firstSend        delay from the first {@code ready} to the first message; default 1 s as in the seed
 * @param interval         time between messages; default 1 s
 * @param count            messages to send before closing normally (1000); 0 = until stopped
 * @param template         message text, see {@link MessageTemplate}
 * @param binary           send the text's UTF-8 bytes as binary messages instead of text messages
 * @param retry            what to do after a transient failure
 * @param handshakeTimeout longest wait for a connection (TCP, TLS, upgrade) before it counts as failed
 * @param acknowledged     ask the receiver to acknowledge each message, keep the unacknowledged ones and send
 *                         them again after a reconnect (see {@link SequenceNumbers})
 * @param heartbeat        pings that tell a live server from one gone without a close
 */
public record SenderOptions(URI target, String name, Duration firstSend, Duration interval, long count,
        String template, boolean binary, RetryPolicy retry, Duration handshakeTimeout, boolean acknowledged,
        Heartbeat heartbeat) {

    public static final Duration DEFAULT_FIRST_SEND = Duration.ofSeconds(1);
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);

    public SenderOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (firstSend.isNegative()) {
            throw new IllegalArgumentException("the delay before the first message cannot be negative");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the interval must be positive, got " + Words.seconds(interval));
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must be 0 (no limit) or positive, got " + count);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("the handshake timeout must be positive, got "
                    + Words.seconds(handshakeTimeout));
        }
    }

    /** The seed's sender: first message after 1 s, then one a second, forever, retrying forever. */
    public static SenderOptions defaults(URI target) {
        return new SenderOptions(target, "sender", DEFAULT_FIRST_SEND, DEFAULT_INTERVAL, 0,
                MessageTemplate.DEFAULT, false, RetryPolicy.DEFAULT, DEFAULT_HANDSHAKE_TIMEOUT, false,
                Heartbeat.DEFAULT);
    }

    public SenderOptions withName(String newName) {
        return new SenderOptions(target, newName, firstSend, interval, count, template, binary, retry,
                handshakeTimeout, acknowledged, heartbeat);
    }

    public SenderOptions withCount(long newCount) {
        return new SenderOptions(target, name, firstSend, interval, newCount, template, binary, retry,
                handshakeTimeout, acknowledged, heartbeat);
    }

    public SenderOptions withTiming(Duration newFirstSend, Duration newInterval) {
        return new SenderOptions(target, name, newFirstSend, newInterval, count, template, binary, retry,
                handshakeTimeout, acknowledged, heartbeat);
    }

    public SenderOptions withTemplate(String newTemplate, boolean sendBinary) {
        return new SenderOptions(target, name, firstSend, interval, count, newTemplate, sendBinary, retry,
                handshakeTimeout, acknowledged, heartbeat);
    }

    public SenderOptions withAcknowledgements(boolean wanted) {
        return new SenderOptions(target, name, firstSend, interval, count, template, binary, retry,
                handshakeTimeout, wanted, heartbeat);
    }

    public SenderOptions withHeartbeat(Heartbeat newHeartbeat) {
        return new SenderOptions(target, name, firstSend, interval, count, template, binary, retry,
                handshakeTimeout, acknowledged, newHeartbeat);
    }

    public SenderOptions withRetry(RetryPolicy newRetry, Duration newHandshakeTimeout) {
        return new SenderOptions(target, name, firstSend, interval, count, template, binary, newRetry,
                newHandshakeTimeout, acknowledged, heartbeat);
    }
}
