package dev.wsprobe.server;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The last messages one server endpoint received, with their content, for tests that need to see what a
 * client sent: a bounded log (the oldest messages go first once {@link Limits} is reached, so a client that
 * floods the server cannot exhaust its memory) read through {@link Reader}s, each with its own position.
 *
 * <p>Messages are kept only while at least one reader is open: a server nobody reads from (the command line's,
 * the WAR's) pays one volatile read per message and keeps nothing. A reader sees the messages that arrive after
 * it was opened.
 */
public final class MessageJournal {
    private final String path;
    private final Limits limits;
    private final ArrayDeque<ReceivedMessage> kept = new ArrayDeque<>();
    private final AtomicInteger openReaders = new AtomicInteger();
    /** Guarded by this: bytes held by {@link #kept}, the last message's number, readers waiting. */
    private long keptBytes;
    private long lastNumber;
    private int waiting;

    /**
     * How much an endpoint's journal keeps: whichever bound is reached first evicts the oldest message.
     *
     * @param maxMessages messages kept, at least 0 (default {@value #DEFAULT_MAX_MESSAGES}); 0 keeps none
     * @param maxBytes    total size of the kept messages in bytes (text counted as UTF-8), at least 0 (default
     *                    {@value #DEFAULT_MAX_BYTES}, 8 MiB); a single message larger than this is not kept
     */
    public record Limits(int maxMessages, long maxBytes) {
        public static final int DEFAULT_MAX_MESSAGES = 1000;
        public static final long DEFAULT_MAX_BYTES = 8L * 1024 * 1024;
        /** 1,000 messages or 8 MiB per endpoint, whichever comes first. */
        public static final Limits DEFAULT = new Limits(DEFAULT_MAX_MESSAGES, DEFAULT_MAX_BYTES);

        public Limits {
            if (maxMessages < 0 || maxBytes < 0) {
                throw new IllegalArgumentException("journal limits cannot be negative: " + maxMessages
                        + " messages, " + maxBytes + " bytes");
            }
        }
    }

    MessageJournal(String path, Limits limits) {
        this.path = path;
        this.limits = limits;
    }

    /** The endpoint whose messages this journal keeps. */
    public String path() {
        return path;
    }

    public Limits limits() {
        return limits;
    }

    /**
     * A reader positioned after the last message received so far: it sees the messages that arrive from now
     * on. Close it when done; messages are kept only while a reader is open.
     */
    public Reader open() {
        synchronized (this) {
            openReaders.incrementAndGet();
            return new Reader(lastNumber);
        }
    }

    void recordText(String sessionId, String text, int sizeBytes) {
        if (openReaders.get() == 0) {
            return;
        }
        synchronized (this) {
            add(ReceivedMessage.text(path, sessionId, lastNumber + 1, text, sizeBytes));
        }
    }

    void recordBinary(String sessionId, ByteBuffer content) {
        if (openReaders.get() == 0) {
            return;
        }
        // a copy: the endpoint may still send the buffer back, and the container may reuse it
        ByteBuffer view = content.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        synchronized (this) {
            add(ReceivedMessage.binary(path, sessionId, lastNumber + 1, copy));
        }
    }

    /** Guarded by this. */
    private void add(ReceivedMessage message) {
        lastNumber = message.number();
        kept.addLast(message);
        keptBytes += message.keptBytes();
        while (!kept.isEmpty() && (kept.size() > limits.maxMessages() || keptBytes > limits.maxBytes())) {
            keptBytes -= kept.removeFirst().keptBytes();
        }
        if (waiting > 0) {
            notifyAll();
        }
    }

    /**
     * One position in the journal: reads each message once, in the order they arrived, blocking with a
     * timeout. Thread-safe.
     */
    public final class Reader implements AutoCloseable {
        /** Guarded by the journal: the number of the last message read or skipped. */
        private long position;
        private long missed;
        private boolean closed;

        private Reader(long position) {
            this.position = position;
        }

        /**
         * The next message, waiting up to {@code timeout} for it to arrive.
         *
         * @return the message, or null when none arrived in time
         */
        public ReceivedMessage next(Duration timeout) throws InterruptedException {
            List<ReceivedMessage> one = next(1, timeout);
            return one.isEmpty() ? null : one.get(0);
        }

        /**
         * The next {@code count} messages, waiting up to {@code timeout} in all for them to arrive.
         *
         * @return the messages, fewer than {@code count} when the time ran out first
         */
        public List<ReceivedMessage> next(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<ReceivedMessage> read = new ArrayList<>(Math.min(count, 64));
            synchronized (MessageJournal.this) {
                while (read.size() < count) {
                    ReceivedMessage next = firstUnread();
                    if (next != null) {
                        missed += next.number() - position - 1;
                        position = next.number();
                        read.add(next);
                        continue;
                    }
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        break;
                    }
                    waiting++;
                    try {
                        TimeUnit.NANOSECONDS.timedWait(MessageJournal.this, remaining);
                    } finally {
                        waiting--;
                    }
                }
            }
            return read;
        }

        /** The kept messages this reader has not read yet, oldest first, without reading them. */
        public List<ReceivedMessage> unread() {
            synchronized (MessageJournal.this) {
                List<ReceivedMessage> unread = new ArrayList<>();
                for (ReceivedMessage message : kept) {
                    if (message.number() > position) {
                        unread.add(message);
                    }
                }
                return unread;
            }
        }

        /** True when no message is waiting to be read now. */
        public boolean isEmpty() {
            synchronized (MessageJournal.this) {
                return firstUnread() == null;
            }
        }

        /** Skips every message received so far: the next read waits for a new one. */
        public void clear() {
            synchronized (MessageJournal.this) {
                position = lastNumber;
            }
        }

        /** Messages this reader never saw because the journal's limits evicted them before they were read. */
        public long missed() {
            synchronized (MessageJournal.this) {
                ReceivedMessage oldest = kept.peekFirst();
                long evictedUnread = oldest == null ? lastNumber - position : oldest.number() - position - 1;
                return missed + Math.max(0, evictedUnread);
            }
        }

        /** Stops reading; once no reader is open the journal keeps nothing more. */
        @Override
        public void close() {
            synchronized (MessageJournal.this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (openReaders.decrementAndGet() == 0) {
                    kept.clear();
                    keptBytes = 0;
                }
            }
        }

        /** Guarded by the journal. The oldest kept message after this reader's position, or null. */
        private ReceivedMessage firstUnread() {
            ReceivedMessage first = null;
            Iterator<ReceivedMessage> newestFirst = kept.descendingIterator();
            while (newestFirst.hasNext()) {
                ReceivedMessage message = newestFirst.next();
                if (message.number() <= position) {
                    break;
                }
                first = message;
            }
            return first;
        }
    }
}
