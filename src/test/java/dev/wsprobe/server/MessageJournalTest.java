package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The bounded journal of received messages, without a server. */
class MessageJournalTest {
    private static final Duration NOW = Duration.ZERO;

    private static List<String> texts(List<ReceivedMessage> messages) {
        return messages.stream().map(ReceivedMessage::text).toList();
    }

    @Test
    void keepsNothingWhileNobodyReads() throws Exception {
        MessageJournal journal = new MessageJournal("/echo", MessageJournal.Limits.DEFAULT);
        journal.recordText("1", "before", 6);
        try (MessageJournal.Reader reader = journal.open()) {
            assertNull(reader.next(NOW));
            journal.recordText("1", "after", 5);
            assertEquals("after", reader.next(NOW).text());
        }
    }

    @Test
    void evictsTheOldestBeyondTheMessageBound() throws Exception {
        MessageJournal journal = new MessageJournal("/echo", new MessageJournal.Limits(2, 1000));
        try (MessageJournal.Reader reader = journal.open()) {
            for (int i = 1; i <= 5; i++) {
                journal.recordText("1", "m" + i, 2);
            }
            assertEquals(List.of("m4", "m5"), texts(reader.unread()));
            assertEquals(3, reader.missed());
            assertEquals(List.of("m4", "m5"), texts(reader.next(5, NOW)));
            assertEquals(3, reader.missed(), "read ones are not missed");
        }
    }

    @Test
    void evictsTheOldestBeyondTheByteBoundAndCopiesBinaryContent() throws Exception {
        MessageJournal journal = new MessageJournal("/receive", new MessageJournal.Limits(100, 10));
        try (MessageJournal.Reader reader = journal.open()) {
            ByteBuffer first = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6});
            journal.recordBinary("1", first);
            assertEquals(6, first.remaining(), "the endpoint's buffer is left as it was");
            first.put(0, (byte) 9);
            journal.recordBinary("1", ByteBuffer.wrap(new byte[] {7, 8, 9, 10, 11}));
            List<ReceivedMessage> kept = reader.unread();
            assertEquals(1, kept.size(), "6 + 5 bytes do not fit in 10");
            assertArrayEquals(new byte[] {7, 8, 9, 10, 11}, kept.get(0).bytes());
            journal.recordBinary("1", ByteBuffer.wrap(new byte[11]));
            assertTrue(reader.isEmpty(), "a message over the byte bound is not kept at all");
        }
    }

    @Test
    void readersReadIndependentlyAndClearSkipsWhatArrived() throws Exception {
        MessageJournal journal = new MessageJournal("/echo", MessageJournal.Limits.DEFAULT);
        try (MessageJournal.Reader one = journal.open(); MessageJournal.Reader two = journal.open()) {
            journal.recordText("1", "a", 1);
            journal.recordText("1", "b", 1);
            assertEquals("a", one.next(NOW).text());
            two.clear();
            assertTrue(two.isEmpty());
            journal.recordText("1", "c", 1);
            assertEquals(List.of("b", "c"), texts(one.next(2, NOW)));
            assertEquals("c", two.next(NOW).text());
            assertEquals(0, one.missed() + two.missed());
        }
    }

    @Test
    void aWaitingReaderWakesUpWhenAMessageArrives() throws Exception {
        MessageJournal journal = new MessageJournal("/echo", MessageJournal.Limits.DEFAULT);
        try (MessageJournal.Reader reader = journal.open()) {
            CompletableFuture<ReceivedMessage> next = CompletableFuture.supplyAsync(() -> {
                try {
                    return reader.next(Duration.ofSeconds(15));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            journal.recordText("7", "late", 4);
            ReceivedMessage message = next.get(15, TimeUnit.SECONDS);
            assertEquals("late", message.text());
            assertEquals("7", message.sessionId());
            assertEquals(1, message.number());
        }
    }

    @Test
    void closingTheLastReaderDropsWhatWasKept() throws Exception {
        MessageJournal journal = new MessageJournal("/echo", MessageJournal.Limits.DEFAULT);
        MessageJournal.Reader first = journal.open();
        journal.recordText("1", "kept", 4);
        first.close();
        try (MessageJournal.Reader second = journal.open()) {
            journal.recordText("1", "new", 3);
            assertEquals(List.of("new"), texts(second.unread()));
        }
    }
}
