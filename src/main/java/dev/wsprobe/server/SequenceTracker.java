package dev.wsprobe.server;

import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * Follows each sender's message numbers and counts what is missing and what came twice. A number above the
 * next expected opens a gap (the numbers in between are missing until they arrive late); a number seen before
 * is a duplicate (a resend after a reconnect, when the first copy did arrive).
 */
public final class SequenceTracker {
    /** Missing numbers remembered per sender; beyond this a gap is only counted, not filled when late. */
    private static final int MAX_REMEMBERED_MISSING = 100_000;

    /** What one message's number meant. */
    public enum Outcome {
        /** The next expected number. */
        IN_ORDER,
        /** Skipped over some numbers: they are now missing. */
        GAP,
        /** A missing number arrived late: the gap shrinks. */
        LATE,
        /** Seen before. */
        DUPLICATE
    }

    /** A sender's numbers: the highest seen and those below it still missing. */
    private static final class SenderSequence {
        long highest;
        final NavigableSet<Long> missing = new ConcurrentSkipListSet<>();
        long unrememberedMissing;
    }

    private final Map<String, SenderSequence> senders = new ConcurrentHashMap<>();
    private final LongAdder duplicates = new LongAdder();

    /** Records {@code number} from {@code sender} and says what it meant. */
    public Outcome record(String sender, long number) {
        SenderSequence sequence = senders.computeIfAbsent(sender, key -> new SenderSequence());
        synchronized (sequence) {
            if (number == sequence.highest + 1) {
                sequence.highest = number;
                return Outcome.IN_ORDER;
            }
            if (number > sequence.highest) {
                for (long skipped = sequence.highest + 1; skipped < number; skipped++) {
                    if (sequence.missing.size() < MAX_REMEMBERED_MISSING) {
                        sequence.missing.add(skipped);
                    } else {
                        sequence.unrememberedMissing++;
                    }
                }
                sequence.highest = number;
                return Outcome.GAP;
            }
            if (sequence.missing.remove(number)) {
                return Outcome.LATE;
            }
            duplicates.increment();
            return Outcome.DUPLICATE;
        }
    }

    /** Numbers currently missing, over all senders. */
    public long missing() {
        long total = 0;
        for (SenderSequence sequence : senders.values()) {
            synchronized (sequence) {
                total += sequence.missing.size() + sequence.unrememberedMissing;
            }
        }
        return total;
    }

    /** Numbers currently missing from one sender. */
    public long missing(String sender) {
        SenderSequence sequence = senders.get(sender);
        if (sequence == null) {
            return 0;
        }
        synchronized (sequence) {
            return sequence.missing.size() + sequence.unrememberedMissing;
        }
    }

    public long duplicates() {
        return duplicates.sum();
    }

    public int senders() {
        return senders.size();
    }

    /** The highest number seen from {@code sender}, 0 if none. */
    public long highest(String sender) {
        SenderSequence sequence = senders.get(sender);
        if (sequence == null) {
            return 0;
        }
        synchronized (sequence) {
            return sequence.highest;
        }
    }
}
