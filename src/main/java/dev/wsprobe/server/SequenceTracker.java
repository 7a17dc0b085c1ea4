package dev.wsprobe.server;

import java.time.Clock;
import java.util.Objects;

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
 * (map look-ups and a few tree operations on at most {@code maxGapsPerSender} ranges, amortised). What a number
 * means is {@link SequenceGaps}'s, which senders are followed {@link FollowedSenders}'s.
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

    private final SequenceLimits limits;
    private final Clock clock;
    private final SequenceGaps numbers;
    private final FollowedSenders senders;

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
        this.numbers = new SequenceGaps(limits);
        this.senders = new FollowedSenders(limits, numbers::forgetAll);
    }

    public SequenceLimits limits() {
        return limits;
    }

    /** A connection of {@code sender} opened: its state is kept at least until that connection closes. */
    public synchronized void opened(String sender) {
        senders.expire(clock.millis());
        SenderSequence sequence = senders.followed(name(sender));
        sequence.openConnections++;
        if (sequence.openConnections == 1) {
            senders.markBusy(sequence);
        }
    }

    /**
     * A connection of {@code sender} closed; once none is left, the sender's state goes
     * {@link SequenceLimits#forgetAfter()} later unless it connects again.
     */
    public synchronized void closed(String sender) {
        long now = clock.millis();
        senders.expire(now);
        SenderSequence sequence = senders.get(name(sender));
        if (sequence == null) {
            return; // evicted while connected: nothing left to release
        }
        if (sequence.openConnections > 0) {
            sequence.openConnections--;
        }
        if (sequence.openConnections == 0) {
            senders.markIdle(sequence, now);
        }
    }

    /** Records {@code number} from {@code sender} and says what it meant. */
    public synchronized Outcome record(String sender, long number) {
        long now = clock.millis();
        senders.expire(now);
        SenderSequence sequence = senders.followed(name(sender));
        if (sequence.openConnections == 0) {
            senders.markIdle(sequence, now); // no connection reported (or evicted while open): forget it once quiet
        }
        return numbers.apply(sequence, number);
    }

    private static String name(String sender) {
        if (sender.length() <= MAX_SENDER_NAME_CHARS) {
            return sender;
        }
        return sender.substring(0, MAX_SENDER_NAME_CHARS - 9) + "~" + String.format("%08x", sender.hashCode());
    }

    /** Numbers currently missing, over all senders followed. */
    public synchronized long missing() {
        senders.expire(clock.millis());
        return numbers.missing();
    }

    /** Numbers currently missing from one sender. */
    public synchronized long missing(String sender) {
        senders.expire(clock.millis());
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
        return numbers.gaps();
    }

    /** Gaps seen since the start: each time a sender skipped numbers (late arrivals do not take it back). */
    public synchronized long gapsOpened() {
        return numbers.gapsOpened();
    }

    public synchronized long duplicates() {
        return numbers.duplicates();
    }

    /** Senders followed now. */
    public synchronized int senders() {
        senders.expire(clock.millis());
        return senders.size();
    }

    /** The highest number seen from {@code sender}, 0 if none (or forgotten). */
    public synchronized long highest(String sender) {
        SenderSequence sequence = senders.get(name(sender));
        return sequence == null ? 0 : sequence.highest;
    }

    /** Every count at one moment, for {@code /status}. */
    public synchronized Counts counts() {
        senders.expire(clock.millis());
        return new Counts(senders.size(), numbers.missing(), numbers.duplicates(), numbers.resets(),
                numbers.forgotten(), senders.evicted(), senders.expired());
    }
}
