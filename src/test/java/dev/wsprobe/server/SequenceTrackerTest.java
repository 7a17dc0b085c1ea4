package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.SequenceTracker.Counts;
import dev.wsprobe.server.SequenceTracker.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
    private final SettableClock clock = new SettableClock();

    @Test
    void followsEachSenderSeparately() {
        SequenceTracker tracker = new SequenceTracker();
        assertEquals(Outcome.IN_ORDER, tracker.record("a", 1));
        assertEquals(Outcome.IN_ORDER, tracker.record("b", 1));
        assertEquals(Outcome.IN_ORDER, tracker.record("a", 2));
        assertEquals(Outcome.GAP, tracker.record("a", 5));
        assertEquals(2, tracker.missing("a"));
        assertEquals(0, tracker.missing("b"));
        assertEquals(Outcome.LATE, tracker.record("a", 3));
        assertEquals(1, tracker.missing("a"));
        assertEquals(Outcome.DUPLICATE, tracker.record("a", 3));
        assertEquals(Outcome.DUPLICATE, tracker.record("a", 5));
        assertEquals(2, tracker.duplicates());
        assertEquals(Outcome.LATE, tracker.record("a", 4));
        assertEquals(0, tracker.missing());
        assertEquals(5, tracker.highest("a"));
        assertEquals(2, tracker.senders());
        assertEquals(0, tracker.gaps());
    }

    @Test
    void aGapIsOneRangeWhateverItsLength() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS);
        tracker.record("a", 1);
        assertEquals(Outcome.GAP, tracker.record("a", 10_001)); // exactly the default bound: still a gap
        assertEquals(9_999, tracker.missing("a"));
        assertEquals(1, tracker.gaps("a"));
        assertEquals(1, tracker.gaps());
    }

    @Test
    void lateArrivalsSplitAndShrinkRanges() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS);
        tracker.record("a", 1);
        tracker.record("a", 10); // 2..9 missing
        assertEquals(Outcome.LATE, tracker.record("a", 5)); // splits: 2..4, 6..9
        assertEquals(2, tracker.gaps("a"));
        assertEquals(7, tracker.missing("a"));
        assertEquals(Outcome.LATE, tracker.record("a", 2)); // shrinks the first from below: 3..4
        assertEquals(Outcome.LATE, tracker.record("a", 9)); // shrinks the second from above: 6..8
        assertEquals(2, tracker.gaps("a"));
        assertEquals(5, tracker.missing("a"));
        assertEquals(Outcome.LATE, tracker.record("a", 3));
        assertEquals(Outcome.LATE, tracker.record("a", 4)); // the first range is gone
        assertEquals(1, tracker.gaps("a"));
        assertEquals(Outcome.DUPLICATE, tracker.record("a", 4));
        assertEquals(Outcome.DUPLICATE, tracker.record("a", 1));
        assertEquals(Outcome.DUPLICATE, tracker.record("a", 10));
        for (long n = 6; n <= 8; n++) {
            assertEquals(Outcome.LATE, tracker.record("a", n));
        }
        assertEquals(0, tracker.missing("a"));
        assertEquals(0, tracker.gaps());
        assertEquals(3, tracker.duplicates());
        assertEquals(Outcome.IN_ORDER, tracker.record("a", 11));
    }

    @Test
    void aJumpBeyondTheBoundIsAResetNotMillionsMissing() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS);
        tracker.record("a", 1);
        tracker.record("a", 5); // 2..4 missing
        assertEquals(Outcome.RESET, tracker.record("a", 99_999_999));
        assertEquals(0, tracker.missing("a"), "neither the jump nor what was missing before counts");
        assertEquals(99_999_999, tracker.highest("a"));
        assertEquals(Outcome.IN_ORDER, tracker.record("a", 100_000_000));
        assertEquals(Outcome.STALE, tracker.record("a", 3), "before the reset: not followed any more");
        assertEquals(Outcome.DUPLICATE, tracker.record("a", 99_999_999));
        Counts counts = tracker.counts();
        assertEquals(1, counts.resets());
        assertEquals(3, counts.forgotten());
        assertEquals(1, counts.duplicates());
    }

    @Test
    void aSenderKeepsAtMostItsShareOfRangesGivingUpTheOldest() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withGaps(3, 1000));
        long n = 1;
        tracker.record("a", n);
        for (int gap = 0; gap < 5; gap++) {
            n += 2; // each skips one number: ranges {2}, {4}, {6}, {8}, {10}
            assertEquals(Outcome.GAP, tracker.record("a", n));
        }
        assertEquals(3, tracker.gaps("a"));
        assertEquals(3, tracker.missing("a"));
        assertEquals(2, tracker.counts().forgotten());
        assertEquals(Outcome.STALE, tracker.record("a", 2), "given up");
        assertEquals(Outcome.STALE, tracker.record("a", 4), "given up");
        assertEquals(Outcome.LATE, tracker.record("a", 6));
        // a late arrival that splits a range at the bound gives up the oldest too
        tracker.record("a", 20); // 12..19; ranges {8}, {10}, 12..19
        assertEquals(3, tracker.gaps("a"));
        assertEquals(Outcome.LATE, tracker.record("a", 15)); // 12..14, 16..19: four, so {8} goes
        assertEquals(3, tracker.gaps("a"));
        assertEquals(Outcome.STALE, tracker.record("a", 8));
        assertEquals(1 + 7, tracker.missing("a"));
    }

    @Test
    void gapsAddingUpPastTheMissingBoundGiveUpTheOldest() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withMaxMissingPerSender(100));
        tracker.record("a", 1);
        tracker.record("a", 62); // 2..61: 60 missing
        assertEquals(Outcome.GAP, tracker.record("a", 123)); // 63..122: 60 more, over 100: 2..61 given up
        assertEquals(60, tracker.missing("a"));
        assertEquals(60, tracker.counts().forgotten());
        assertEquals(Outcome.RESET, tracker.record("a", 225)); // 101 skipped (124 to 224): over the bound
        assertEquals(Outcome.GAP, tracker.record("b", 101)); // 100 skipped from 0: at the bound, a gap
        assertEquals(100, tracker.missing());
    }

    @Test
    void theTotalRangeBoundMakesTheSenderWithTheNewGapGiveUpItsOwn() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withGaps(10, 4));
        tracker.record("a", 1);
        tracker.record("a", 3);
        tracker.record("a", 5);
        tracker.record("a", 7); // a: {2}, {4}, {6}
        tracker.record("b", 1);
        tracker.record("b", 3); // b: {2}; total 4, the bound
        assertEquals(Outcome.GAP, tracker.record("b", 5)); // b gives up {2} for {4}
        assertEquals(4, tracker.gaps());
        assertEquals(3, tracker.gaps("a"), "another sender's gaps are not touched");
        assertEquals(Outcome.STALE, tracker.record("b", 2));
        tracker.record("c", 1);
        assertEquals(Outcome.GAP, tracker.record("c", 5)); // c holds none: its gap is given up at once
        assertEquals(0, tracker.missing("c"));
        assertEquals(Outcome.STALE, tracker.record("c", 3));
        assertEquals(4, tracker.gaps());
        assertEquals(4, tracker.missing());
        assertEquals(1 + 3, tracker.counts().forgotten());
    }

    @Test
    void tooManySendersEvictTheLeastRecentlySeen() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withMaxSenders(3));
        tracker.record("a", 1);
        tracker.record("b", 1);
        tracker.record("b", 4); // b: 2..3 missing
        tracker.record("c", 1);
        tracker.record("a", 2); // a seen again: b is now the least recent
        tracker.record("d", 1);
        assertEquals(3, tracker.senders());
        assertEquals(0, tracker.highest("b"), "b was evicted");
        assertEquals(2, tracker.highest("a"));
        Counts counts = tracker.counts();
        assertEquals(1, counts.evicted());
        assertEquals(0, counts.missing());
        assertEquals(2, counts.forgotten());
        assertEquals(0, tracker.gaps());
    }

    @Test
    void aSenderIsForgottenSomeTimeAfterItsLastConnectionClosed() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withForgetAfter(Duration.ofMinutes(10)));
        tracker.opened("a");
        tracker.opened("a"); // two connections
        tracker.record("a", 1);
        tracker.record("a", 3);
        clock.advance(Duration.ofHours(1));
        assertEquals(1, tracker.senders(), "kept while connected, however quiet");
        tracker.closed("a");
        clock.advance(Duration.ofHours(1));
        assertEquals(1, tracker.senders(), "one connection is still open");
        tracker.closed("a");
        clock.advance(Duration.ofMinutes(9));
        assertEquals(1, tracker.senders());
        assertEquals(1, tracker.missing());
        tracker.opened("a"); // back in time: kept
        tracker.closed("a");
        clock.advance(Duration.ofMinutes(9));
        assertEquals(1, tracker.senders());
        clock.advance(Duration.ofMinutes(1));
        Counts counts = tracker.counts();
        assertEquals(0, counts.senders());
        assertEquals(0, counts.missing());
        assertEquals(1, counts.expired());
        assertEquals(1, counts.forgotten());
        assertEquals(0, tracker.gaps());
        assertEquals(Outcome.IN_ORDER, tracker.record("a", 1), "followed afresh when it comes back");
    }

    @Test
    void aSenderWithoutReportedConnectionsIsForgottenOnceQuiet() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withForgetAfter(Duration.ofMinutes(10)));
        tracker.record("a", 1);
        clock.advance(Duration.ofMinutes(9));
        tracker.record("a", 2);
        clock.advance(Duration.ofMinutes(9));
        assertEquals(1, tracker.senders(), "its last message counts, not its first");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(0, tracker.senders());
        tracker.closed("a"); // a close for a forgotten sender is ignored
        assertEquals(0, tracker.senders());
    }

    @Test
    void aSenderEvictedWhileConnectedIsForgottenLaterLikeAnyOther() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withMaxSenders(1)
                .withForgetAfter(Duration.ofMinutes(10)));
        tracker.opened("a");
        tracker.record("a", 1);
        tracker.record("b", 1); // evicts a although connected
        tracker.record("a", 2); // a again (evicts b), with no connection reported any more
        tracker.closed("a"); // its connection's close: nothing goes negative
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, tracker.senders());
        assertEquals(2, tracker.counts().evicted());
    }

    @Test
    void longSenderNamesAreShortenedButStayApart() {
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS);
        String prefix = "x".repeat(10_000);
        tracker.record(prefix + "1", 1);
        tracker.record(prefix + "2", 7);
        assertEquals(2, tracker.senders());
        assertEquals(0, tracker.missing(prefix + "1"));
        assertEquals(6, tracker.missing(prefix + "2"));
    }

    @Test
    void theWorkPerMessageDoesNotDependOnTheGapLength() {
        // with the bound out of the way a jump of 10^15 is one range: a loop over the skipped numbers (as
        // before) would run for days, this must take microseconds
        SequenceTracker tracker = tracker(SequenceLimits.DEFAULTS.withMaxMissingPerSender(Long.MAX_VALUE));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            tracker.record("a", 1);
            assertEquals(Outcome.GAP, tracker.record("a", 1_000_000_000_000_001L));
            assertEquals(Outcome.LATE, tracker.record("a", 500_000_000_000_000L));
        });
        assertEquals(1_000_000_000_000_000L - 2, tracker.missing("a"));
        assertEquals(2, tracker.gaps("a"));
    }

    @Test
    void hostileSendersStayWithinTheBounds() {
        SequenceLimits limits = SequenceLimits.DEFAULTS.withMaxSenders(500).withGaps(20, 2_000);
        SequenceTracker tracker = tracker(limits);
        for (int sender = 0; sender < 5_000; sender++) {
            String name = "hostile-" + sender;
            tracker.opened(name);
            for (long n = 1; n < 200; n += 3) {
                tracker.record(name, n);
                tracker.record(name, n + 99_999_999); // resets
            }
            tracker.closed(name);
        }
        Counts counts = tracker.counts();
        assertTrue(counts.senders() <= 500, counts.toString());
        assertTrue(tracker.gaps() <= 2_000, tracker.gaps() + " ranges");
        assertTrue(counts.missing() <= 500 * SequenceLimits.DEFAULT_MAX_MISSING_PER_SENDER, counts.toString());
        assertEquals(4_500, counts.evicted());
    }

    @Test
    void limitsRefuseNonsense() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SequenceLimits.DEFAULTS.withMaxSenders(0));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SequenceLimits.DEFAULTS.withForgetAfter(Duration.ofSeconds(-1)));
    }

    private SequenceTracker tracker(SequenceLimits limits) {
        return new SequenceTracker(limits, clock);
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
