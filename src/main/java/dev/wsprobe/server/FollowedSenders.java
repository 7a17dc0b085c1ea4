package dev.wsprobe.server;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * The senders a {@link SequenceTracker} follows, bounded: at most {@link SequenceLimits#maxSenders()} (one more
 * evicts the least recently seen), and a sender without an open connection is dropped
 * {@link SequenceLimits#forgetAfter()} after it became idle. Dropping a sender hands it to {@code forget} first, so
 * its missing numbers leave the counts. Guarded by the tracker's lock.
 */
final class FollowedSenders {
    private final SequenceLimits limits;
    private final Consumer<SenderSequence> forget;
    /** Every sender followed, least recently seen first. */
    private final LinkedHashMap<String, SenderSequence> senders = new LinkedHashMap<>(64, 0.75f, true);
    /** Senders without an open connection, in the order they became idle (oldest first). */
    private final LinkedHashMap<String, SenderSequence> idle = new LinkedHashMap<>();
    private long evicted;
    private long expired;

    FollowedSenders(SequenceLimits limits, Consumer<SenderSequence> forget) {
        this.limits = limits;
        this.forget = forget;
    }

    /** The sender's state, created (evicting the least recently seen sender when full) if new; marks it seen. */
    SenderSequence followed(String name) {
        SenderSequence sequence = senders.get(name);
        if (sequence != null) {
            return sequence;
        }
        sequence = new SenderSequence(name);
        senders.put(name, sequence);
        if (senders.size() > limits.maxSenders()) {
            Iterator<SenderSequence> leastRecent = senders.values().iterator();
            SenderSequence victim = leastRecent.next();
            leastRecent.remove();
            idle.remove(victim.name);
            forget.accept(victim);
            evicted++;
        }
        return sequence;
    }

    /** The sender's state if followed, else null; marks it seen. */
    SenderSequence get(String name) {
        return senders.get(name);
    }

    void markIdle(SenderSequence sequence, long now) {
        idle.remove(sequence.name);
        sequence.idleSinceMillis = now;
        idle.put(sequence.name, sequence);
    }

    void markBusy(SenderSequence sequence) {
        idle.remove(sequence.name);
    }

    /** Drops the senders idle for {@code forgetAfter}; amortised constant: each sender goes once. */
    void expire(long now) {
        long forgetAfter = limits.forgetAfter().toMillis();
        Iterator<SenderSequence> oldestIdle = idle.values().iterator();
        while (oldestIdle.hasNext()) {
            SenderSequence sequence = oldestIdle.next();
            if (now - sequence.idleSinceMillis < forgetAfter) {
                return;
            }
            oldestIdle.remove();
            senders.remove(sequence.name);
            forget.accept(sequence);
            expired++;
        }
    }

    int size() {
        return senders.size();
    }

    long evicted() {
        return evicted;
    }

    long expired() {
        return expired;
    }
}
