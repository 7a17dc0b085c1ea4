package dev.wsprobe.server;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Follows each sender's message numbers and counts what is missing and what came twice. A number above the
 * next expected opens a gap (the numbers in between are missing until they arrive late); a number seen before
 * is a duplicate (a resend after a reconnect, when the first copy did arrive).
 *
 * <p>Any client can name itself a sender and send any number, so what the tracker remembers is bounded by its
 * {@link SequenceLimits}: missing numbers are kept as ranges (a gap of a million costs one entry, and the work per
 * message is the same whatever the numbers), a jump larger than {@link SequenceLimits#maxMissingPerSender()} is a
 * {@linkplain Outcome#RESET reset} rather than that many missing numbers, ranges are bounded per sender and in
 * total, the number of senders is bounded (least recently seen evicted first), and a sender's state is dropped
 * {@link SequenceLimits#forgetAfter()} after its last connection closed: the receiver reports connections through
 * {@link #opened} and {@link #closed}. One lock guards everything; each call does a bounded amount of work under it
 * (map look-ups and a few tree operations on at most {@code maxGapsPerSender} ranges, amortised).
 */
public final class SequenceTracker {
    /** Longer sender names are shortened (kept unique by a hash of the whole name), so names cannot fill memory. */
    static final int MAX_SENDER_NAME_CHARS = 128;

    /** What one message's number meant. */
    public enum Outcome {
        /** The next expected number. */
        IN_ORDER,
        /** Skipped over some numbers: they are now missing. */
        GAP,
        /** A missing number arrived late: the gap shrinks. */
        LATE,
        /** Seen before. */
        DUPLICATE,
        /**
         * A jump over more than {@link SequenceLimits#maxMissingPerSender()} numbers: not counted as missing; the
         * sender is followed afresh from this number, and what it had missing before is forgotten.
         */
        RESET,
        /**
         * Below what is still followed for this sender (before a reset, or in a range it had to give up): the
         * tracker cannot tell a late arrival from a duplicate, and counts neither.
         */
        STALE
    }

    /** The counts of {@code /status}, taken together. */
    public record Counts(int senders, long missing, long duplicates, long resets, long forgotten, long evicted,
            long expired) {
    }

    /** A sender's numbers: the highest seen, and below it the ranges still missing (start -> end, inclusive). */
    private static final class SenderSequence {
        final String name;
        long highest;
        /** Numbers below this are no longer followed. */
        long floor = 1;
        final TreeMap<Long, Long> gaps = new TreeMap<>();
        long missing;
        int openConnections;
        long idleSinceMillis;

        SenderSequence(String name) {
            this.name = name;
        }
    }

    private final SequenceLimits limits;
    private final Clock clock;
    /** Every sender followed, least recently seen first. */
    private final LinkedHashMap<String, SenderSequence> senders = new LinkedHashMap<>(64, 0.75f, true);
    /** Senders without an open connection, in the order they became idle (oldest first). */
    private final LinkedHashMap<String, SenderSequence> idle = new LinkedHashMap<>();
    private long gaps;
    private long missing;
    private long duplicates;
    private long resets;
    private long forgotten;
    private long evicted;
    private long expired;

    /** A tracker with {@link SequenceLimits#DEFAULTS}. */
    public SequenceTracker() {
        this(SequenceLimits.DEFAULTS, Clock.systemUTC());
    }

    public SequenceTracker(SequenceLimits limits) {
        this(limits, Clock.systemUTC());
    }

    /** @param clock decides when an idle sender is forgotten (tests pass their own) */
    public SequenceTracker(SequenceLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public SequenceLimits limits() {
        return limits;
    }

    /** A connection of {@code sender} opened: its state is kept at least until that connection closes. */
    public synchronized void opened(String sender) {
        long now = clock.millis();
        expire(now);
        SenderSequence sequence = followed(name(sender));
        sequence.openConnections++;
        if (sequence.openConnections == 1) {
            idle.remove(sequence.name);
        }
    }

    /**
     * A connection of {@code sender} closed; once none is left, the sender's state goes
     * {@link SequenceLimits#forgetAfter()} later unless it connects again.
     */
    public synchronized void closed(String sender) {
        long now = clock.millis();
        expire(now);
        SenderSequence sequence = senders.get(name(sender));
        if (sequence == null) {
            return; // evicted while connected: nothing left to release
        }
        if (sequence.openConnections > 0) {
            sequence.openConnections--;
        }
        if (sequence.openConnections == 0) {
            markIdle(sequence, now);
        }
    }

    /** Records {@code number} from {@code sender} and says what it meant. */
    public synchronized Outcome record(String sender, long number) {
        long now = clock.millis();
        expire(now);
        SenderSequence sequence = followed(name(sender));
        if (sequence.openConnections == 0) {
            markIdle(sequence, now); // no connection reported (or evicted while open): forget it once quiet
        }
        return apply(sequence, number);
    }

    private Outcome apply(SenderSequence sequence, long number) {
        if (number > sequence.highest) {
            long gap = number - sequence.highest - 1; // numbers are at most 18 digits: no overflow
            if (gap == 0) {
                sequence.highest = number;
                return Outcome.IN_ORDER;
            }
            if (gap > limits.maxMissingPerSender()) {
                forgetAll(sequence);
                sequence.highest = number;
                sequence.floor = number;
                resets++;
                return Outcome.RESET;
            }
            while (!sequence.gaps.isEmpty() && (sequence.missing + gap > limits.maxMissingPerSender()
                    || sequence.gaps.size() >= limits.maxGapsPerSender() || gaps >= limits.maxGaps())) {
                giveUpOldest(sequence);
            }
            if (gaps >= limits.maxGaps()) {
                // every range is held by other senders: this gap is counted as given up at once
                forgotten += gap;
                sequence.floor = number;
            } else {
                sequence.gaps.put(sequence.highest + 1, number - 1);
                sequence.missing += gap;
                missing += gap;
                gaps++;
            }
            sequence.highest = number;
            return Outcome.GAP;
        }
        if (number < sequence.floor) {
            return Outcome.STALE;
        }
        Map.Entry<Long, Long> range = sequence.gaps.floorEntry(number);
        if (range == null || range.getValue() < number) {
            duplicates++;
            return Outcome.DUPLICATE;
        }
        long start = range.getKey();
        long end = range.getValue();
        sequence.gaps.remove(start);
        gaps--;
        sequence.missing--;
        missing--;
        if (start < number) {
            sequence.gaps.put(start, number - 1);
            gaps++;
        }
        if (number < end) {
            sequence.gaps.put(number + 1, end);
            gaps++;
        }
        // a split adds a range: stay within the bounds by giving up this sender's oldest
        while (sequence.gaps.size() > limits.maxGapsPerSender() || gaps > limits.maxGaps()) {
            giveUpOldest(sequence);
        }
        return Outcome.LATE;
    }

    /** The sender's state, created (evicting the least recently seen sender when full) if new; marks it seen. */
    private SenderSequence followed(String name) {
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
            forgetAll(victim);
            evicted++;
        }
        return sequence;
    }

    private void markIdle(SenderSequence sequence, long now) {
        idle.remove(sequence.name);
        sequence.idleSinceMillis = now;
        idle.put(sequence.name, sequence);
    }

    /** Drops the senders idle for {@code forgetAfter}; amortised constant: each sender goes once. */
    private void expire(long now) {
        long forgetAfter = limits.forgetAfter().toMillis();
        Iterator<SenderSequence> oldestIdle = idle.values().iterator();
        while (oldestIdle.hasNext()) {
            SenderSequence sequence = oldestIdle.next();
            if (now - sequence.idleSinceMillis < forgetAfter) {
                return;
            }
            oldestIdle.remove();
            senders.remove(sequence.name);
            forgetAll(sequence);
            expired++;
        }
    }

    private void giveUpOldest(SenderSequence sequence) {
        Map.Entry<Long, Long> oldest = sequence.gaps.pollFirstEntry();
        long length = oldest.getValue() - oldest.getKey() + 1;
        gaps--;
        sequence.missing -= length;
        missing -= length;
        forgotten += length;
        sequence.floor = oldest.getValue() + 1;
    }

    private void forgetAll(SenderSequence sequence) {
        gaps -= sequence.gaps.size();
        sequence.gaps.clear();
        missing -= sequence.missing;
        forgotten += sequence.missing;
        sequence.missing = 0;
    }

    private static String name(String sender) {
        if (sender.length() <= MAX_SENDER_NAME_CHARS) {
            return sender;
        }
        return sender.substring(0, MAX_SENDER_NAME_CHARS - 9) + "~" + String.format("%08x", sender.hashCode());
    }

    /** Numbers currently missing, over all senders followed. */
    public synchronized long missing() {
        expire(clock.millis());
        return missing;
    }

    /** Numbers currently missing from one sender. */
    public synchronized long missing(String sender) {
        expire(clock.millis());
        SenderSequence sequence = senders.get(name(sender));
        return sequence == null ? 0 : sequence.missing;
    }

    /** Missing ranges held by one sender. */
    public synchronized int gaps(String sender) {
        SenderSequence sequence = senders.get(name(sender));
        return sequence == null ? 0 : sequence.gaps.size();
    }

    /** Missing ranges held over all senders. */
    public synchronized long gaps() {
        return gaps;
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    /** Senders followed now. */
    public synchronized int senders() {
        expire(clock.millis());
        return senders.size();
    }

    /** The highest number seen from {@code sender}, 0 if none (or forgotten). */
    public synchronized long highest(String sender) {
        SenderSequence sequence = senders.get(name(sender));
        return sequence == null ? 0 : sequence.highest;
    }

    /** Every count at one moment, for {@code /status}. */
    public synchronized Counts counts() {
        expire(clock.millis());
        return new Counts(senders.size(), missing, duplicates, resets, forgotten, evicted, expired);
    }
}
