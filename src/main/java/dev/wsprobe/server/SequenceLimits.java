package dev.wsprobe.server;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a {@link SequenceTracker} may remember, so that no client (any client names its sender with
 * {@code ?wsprobe-sender=}) can make the receiver's bookkeeping grow without bound. Memory is bounded by about
 * {@code maxSenders} x 300 bytes plus {@code maxGaps} x 100 bytes (about 40 MB with the defaults), and the work
 * per message is constant whatever the numbers say.
 *
 * @param maxSenders senders followed at once; one more evicts the least recently seen sender (counted as
 *     {@code evicted}). Default {@value #DEFAULT_MAX_SENDERS}.
 * @param maxGapsPerSender missing ranges one sender may have open (a range is a run of consecutive missing
 *     numbers: a gap, or what is left of one after late arrivals split it); one more makes the sender give up
 *     its oldest range (its numbers count as {@code forgotten}). Default {@value #DEFAULT_MAX_GAPS_PER_SENDER}.
 * @param maxGaps missing ranges over all senders together; a sender whose new range would go over it gives up
 *     its own oldest range instead (or, if it has none, the new one): one sender's gaps never evict another
 *     sender. Default {@value #DEFAULT_MAX_GAPS}.
 * @param maxMissingPerSender numbers one sender may have missing at once. A single jump over more numbers than
 *     this is not counted as missing: it is a {@code reset} (the sender restarted its numbering, or a client sent
 *     nonsense) and the sender is followed afresh from the new number. Gaps that add up past it make the sender
 *     give up its oldest ranges ({@code forgotten}). The default, {@value #DEFAULT_MAX_MISSING_PER_SENDER}, is
 *     what wsprobe's own sender keeps for resending with {@code --ack}: a gap it could never fill is not a gap.
 * @param forgetAfter how long a sender's state is kept after its last connection closed (counted as
 *     {@code expired} when it goes); a sender that comes back later is followed afresh. Default 10 minutes.
 */
public record SequenceLimits(int maxSenders, int maxGapsPerSender, int maxGaps, long maxMissingPerSender,
        Duration forgetAfter) {
    public static final int DEFAULT_MAX_SENDERS = 100_000;
    public static final int DEFAULT_MAX_GAPS_PER_SENDER = 100;
    public static final int DEFAULT_MAX_GAPS = 100_000;
    public static final long DEFAULT_MAX_MISSING_PER_SENDER = 10_000;
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(10);

    /** The defaults above. */
    public static final SequenceLimits DEFAULTS = new SequenceLimits(DEFAULT_MAX_SENDERS,
            DEFAULT_MAX_GAPS_PER_SENDER, DEFAULT_MAX_GAPS, DEFAULT_MAX_MISSING_PER_SENDER, DEFAULT_FORGET_AFTER);

    public SequenceLimits {
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (maxSenders < 1 || maxGapsPerSender < 1 || maxGaps < 1 || maxMissingPerSender < 1) {
            throw new IllegalArgumentException("sequence limits must be at least 1: " + maxSenders + " senders, "
                    + maxGapsPerSender + " gaps per sender, " + maxGaps + " gaps, " + maxMissingPerSender
                    + " missing per sender");
        }
        if (forgetAfter.isNegative()) {
            throw new IllegalArgumentException("forgetAfter must not be negative: " + forgetAfter);
        }
    }

    public SequenceLimits withMaxSenders(int senders) {
        return new SequenceLimits(senders, maxGapsPerSender, maxGaps, maxMissingPerSender, forgetAfter);
    }

    public SequenceLimits withGaps(int perSender, int total) {
        return new SequenceLimits(maxSenders, perSender, total, maxMissingPerSender, forgetAfter);
    }

    public SequenceLimits withMaxMissingPerSender(long missing) {
        return new SequenceLimits(maxSenders, maxGapsPerSender, maxGaps, missing, forgetAfter);
    }

    public SequenceLimits withForgetAfter(Duration after) {
        return new SequenceLimits(maxSenders, maxGapsPerSender, maxGaps, maxMissingPerSender, after);
    }
}
