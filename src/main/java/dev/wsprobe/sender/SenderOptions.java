package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.Words;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

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
        return with(copy -> copy.name = newName);
    }

    public SenderOptions withCount(long newCount) {
        return with(copy -> copy.count = newCount);
    }

    public SenderOptions withTiming(Duration newFirstSend, Duration newInterval) {
        return with(copy -> {
            copy.firstSend = newFirstSend;
            copy.interval = newInterval;
        });
    }

    public SenderOptions withTemplate(String newTemplate, boolean sendBinary) {
        return with(copy -> {
            copy.template = newTemplate;
            copy.binary = sendBinary;
        });
    }

    public SenderOptions withAcknowledgements(boolean wanted) {
        return with(copy -> copy.acknowledged = wanted);
    }

    public SenderOptions withHeartbeat(Heartbeat newHeartbeat) {
        return with(copy -> copy.heartbeat = newHeartbeat);
    }

    public SenderOptions withRetry(RetryPolicy newRetry, Duration newHandshakeTimeout) {
        return with(copy -> {
            copy.retry = newRetry;
            copy.handshakeTimeout = newHandshakeTimeout;
        });
    }

    /** These options with {@code change} made to a copy of their components; the checks run again. */
    private SenderOptions with(Consumer<Components> change) {
        Components copy = new Components(this);
        change.accept(copy);
        return new SenderOptions(copy.target, copy.name, copy.firstSend, copy.interval, copy.count, copy.template,
                copy.binary, copy.retry, copy.handshakeTimeout, copy.acknowledged, copy.heartbeat);
    }

    /** The components of a {@link SenderOptions}, changeable: the withers' one list of them all. */
    private static final class Components {
        private final URI target;
        private String name;
        private Duration firstSend;
        private Duration interval;
        private long count;
        private String template;
        private boolean binary;
        private RetryPolicy retry;
        private Duration handshakeTimeout;
        private boolean acknowledged;
        private Heartbeat heartbeat;

        Components(SenderOptions from) {
            target = from.target();
            name = from.name();
            firstSend = from.firstSend();
            interval = from.interval();
            count = from.count();
            template = from.template();
            binary = from.binary();
            retry = from.retry();
            handshakeTimeout = from.handshakeTimeout();
            acknowledged = from.acknowledged();
            heartbeat = from.heartbeat();
        }
    }
}
