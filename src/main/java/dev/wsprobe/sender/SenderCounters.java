package dev.wsprobe.sender;

import java.util.concurrent.atomic.AtomicLong;

/** What a sender counts, updated from any thread; see {@link SenderResult} for what each count means. */
final class SenderCounters {
    final AtomicLong attempted = new AtomicLong();
    /** Sends whose completion came back, with or without an error. */
    final AtomicLong completed = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong sendFailures = new AtomicLong();
    final AtomicLong skipped = new AtomicLong();
    final AtomicLong received = new AtomicLong();
    final AtomicLong resent = new AtomicLong();

    /** A send completed: counted as sent or failed, and as completed. */
    void sendCompleted(Throwable error) {
        (error == null ? sent : sendFailures).incrementAndGet();
        completed.incrementAndGet();
    }

    SenderResult result(ConnectionState terminal, long unacknowledged) {
        return new SenderResult(terminal, attempted.get(), sent.get(), sendFailures.get(), skipped.get(),
                received.get(), resent.get(), unacknowledged);
    }
}
