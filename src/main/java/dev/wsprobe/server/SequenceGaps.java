package dev.wsprobe.server;

import dev.wsprobe.server.SequenceTracker.Outcome;
import java.util.Map;

/**
 * What each number means for its sender's {@link SenderSequence}, and the counts over all senders: ranges
 * missing, numbers missing, duplicates, resets, and numbers given up (forgotten) to stay within the
 * {@link SequenceLimits}. Each call does a bounded amount of work (a few tree operations on at most
 * {@code maxGapsPerSender} ranges, amortised). Guarded by the {@link SequenceTracker}'s lock.
 */
final class SequenceGaps {
    private final SequenceLimits limits;
    private long gaps;
    /** Gaps opened since the start (a counter: {@link #gaps} goes down again as late numbers arrive). */
    private long gapsOpened;
    private long missing;
    private long duplicates;
    private long resets;
    private long forgotten;

    SequenceGaps(SequenceLimits limits) {
        this.limits = limits;
    }

    Outcome apply(SenderSequence sequence, long number) {
        if (number > sequence.highest) {
            return ahead(sequence, number);
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

    /** A number above the highest seen: in order, a gap, or a jump too large to count (a reset). */
    private Outcome ahead(SenderSequence sequence, long number) {
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
        gapsOpened++;
        sequence.highest = number;
        return Outcome.GAP;
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

    /** The sender goes (evicted, expired) or starts afresh (reset): what it had missing counts as forgotten. */
    void forgetAll(SenderSequence sequence) {
        gaps -= sequence.gaps.size();
        sequence.gaps.clear();
        missing -= sequence.missing;
        forgotten += sequence.missing;
        sequence.missing = 0;
    }

    long gaps() {
        return gaps;
    }

    long gapsOpened() {
        return gapsOpened;
    }

    long missing() {
        return missing;
    }

    long duplicates() {
        return duplicates;
    }

    long resets() {
        return resets;
    }

    long forgotten() {
        return forgotten;
    }
}
