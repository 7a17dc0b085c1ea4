package dev.wsprobe.standalone;

import dev.wsprobe.server.EndpointStats;
import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.server.ReceivedMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** One endpoint of the server: its counters, and the messages it received, read in arrival order. */
public final class WsprobeEndpoint {
    private final EndpointStats stats;
    private final MessageJournal.Reader reader;

    WsprobeEndpoint(EndpointStats stats) {
        this.stats = stats;
        this.reader = stats.journal().open();
    }

    /** {@code /echo} or {@code /receive}. */
    public String path() {
        return stats.path();
    }

    /** Connections open now. */
    public int openConnections() {
        return stats.snapshot().openConnections();
    }

    /** Connections accepted since start, closed ones included. */
    public long connectionsAccepted() {
        return stats.snapshot().connectionsAccepted();
    }

    /** Messages received since start (not those refused for their size), whether kept or not. */
    public long messagesReceived() {
        return stats.snapshot().messagesReceived();
    }

    /** Bytes of those messages (text counted as UTF-8). */
    public long bytesReceived() {
        return stats.snapshot().bytesReceived();
    }

    /**
     * The next received message not taken yet, waiting up to {@code timeout} for it: each message is
     * taken once, in the order it arrived.
     *
     * @throws TimeoutException when none arrives in time
     */
    public ReceivedMessage takeReceived(Duration timeout)
            throws InterruptedException, TimeoutException {
        return awaitMessages(1, timeout).get(0);
    }

    /**
     * The next {@code count} received messages not taken yet, waiting up to {@code timeout} in all.
     *
     * @throws TimeoutException when fewer arrive in time (the ones that did are taken)
     */
    public List<ReceivedMessage> awaitMessages(int count, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, got " + count);
        }
        List<ReceivedMessage> messages = reader.next(count, Objects.requireNonNull(timeout, "timeout"));
        if (messages.size() < count) {
            throw new TimeoutException("waited " + timeout + " for " + count
                    + " message(s) on " + path() + ", got " + messages.size() + ": " + messages);
        }
        return messages;
    }

    /**
     * The next received message not taken yet, if one arrives within {@code timeout}; for checking that
     * nothing (more) arrives.
     */
    public Optional<ReceivedMessage> pollReceived(Duration timeout) throws InterruptedException {
        return Optional.ofNullable(reader.next(timeout));
    }

    /** The kept messages not taken yet, oldest first, without taking them. */
    public List<ReceivedMessage> received() {
        return reader.unread();
    }

    /** Forgets the messages received so far: the next take waits for a new one. */
    public void clearReceived() {
        reader.clear();
    }

    /**
     * Messages that were never taken because the journal's bound evicted them first (see
     * {@link WsprobeServerBuilder#keepReceived}); 0 unless a test sent more than the bound without taking.
     */
    public long evictedBeforeTaken() {
        return reader.missed();
    }

    /** Stops keeping messages for this reader; the server calls it when it stops. */
    void close() {
        reader.close();
    }
}
