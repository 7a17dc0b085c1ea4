package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.server.SequenceTracker.Outcome;
import org.junit.jupiter.api.Test;

class SequenceTrackerTest {
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
    }
}
