package dev.wsprobe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResendBufferTest {
    @Test
    void pendingMessagesComeBackOldestFirstUntilAcknowledged() {
        ResendBuffer buffer = new ResendBuffer(10);
        buffer.add(2, "b #2");
        buffer.add(1, "a #1");
        buffer.add(3, "c #3");
        buffer.acknowledge(2);
        assertEquals(List.of(new ResendBuffer.Pending(1, "a #1"), new ResendBuffer.Pending(3, "c #3")),
                buffer.pending());
        assertEquals(2, buffer.size());
    }

    @Test
    void overCapacityTheOldestIsDropped() {
        ResendBuffer buffer = new ResendBuffer(3);
        for (long number = 1; number <= 5; number++) {
            buffer.add(number, "#" + number);
        }
        assertEquals(List.of(3L, 4L, 5L), buffer.pending().stream().map(ResendBuffer.Pending::number).toList());
    }

    @Test
    void anUnknownOrRepeatedAcknowledgementChangesNothing() {
        ResendBuffer buffer = new ResendBuffer(3);
        buffer.add(1, "#1");
        buffer.acknowledge(1);
        buffer.acknowledge(1);
        buffer.acknowledge(99);
        assertTrue(buffer.isEmpty());
    }

    @Test
    void thePendingListIsASnapshot() {
        ResendBuffer buffer = new ResendBuffer(3);
        buffer.add(1, "#1");
        List<ResendBuffer.Pending> pending = buffer.pending();
        buffer.acknowledge(1);
        assertEquals(1, pending.size(), "an acknowledgement during a resend must not disturb it");
    }

    @Test
    void aBufferHoldsAtLeastOneMessage() {
        assertThrows(IllegalArgumentException.class, () -> new ResendBuffer(0));
    }
}
