package dev.wsprobe.sender;

import java.util.concurrent.atomic.AtomicLong;

/** What a sender counts, updated from any thread; see {@link SenderResult} for what each count means. */
final class SenderCounters {
    private final AtomicLong attempted = new AtomicLong();
    /** Sends whose completion came back, with or without an error. */
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong sendFailures = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong resent = new AtomicLong();

    /** A send starts: its message number (1, 2, ...). */
    long nextNumber() {
        return attempted.incrementAndGet();
    }

    /** A tick came while not ready: the number of skipped ticks so far. */
    long skipped() {
        return skipped.incrementAndGet();
    }

    /** A send completed: counted as sent or failed, and as completed. */
    void sendCompleted(Throwable error) {
        (error == null ? sent : sendFailures).incrementAndGet();
        completed.incrementAndGet();
    }

    void resent() {
        resent.incrementAndGet();
    }

    void received() {
        received.incrementAndGet();
    }

    long attempted() {
        return attempted.get();
    }

    long completed() {
        return completed.get();
    }

    SenderStatus status(ConnectionState state, java.net.URI target) {
        return new SenderStatus(state, target, sent.get(), sendFailures.get());
    }

    SenderResult result(ConnectionState terminal, long unacknowledged) {
        return new SenderResult(terminal, attempted.get(), sent.get(), sendFailures.get(), skipped.get(),
                received.get(), resent.get(), unacknowledged);
    }
}
