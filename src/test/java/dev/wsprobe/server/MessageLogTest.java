package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which messages get a line of their own, and the summed-up line for the rest, on a clock the test turns. */
class MessageLogTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final AtomicLong clock = new AtomicLong(1_000 * SECOND);

    /** A log in {@code mode} for an endpoint {@code /test}, on the test's clock. */
    private MessageLog log(MessageLogging mode) {
        return new MessageLog(new EndpointStats("/test", mode), mode,
                System.getLogger("dev.wsprobe.test.MessageLogTest"), clock::get);
    }

    @Test
    void autoGivesTheFirstMessagesOfEachSecondTheirOwnLineAndSumsUpTheRest() throws Exception {
        MessageLog log = log(MessageLogging.AUTO);
        try (LogCapture lines = new LogCapture()) {
            for (int i = 0; i < MessageLogging.LINES_PER_SECOND; i++) {
                assertTrue(log.ownLine(52), "message " + (i + 1) + " of the second gets its own line");
            }
            for (int i = 0; i < 5; i++) {
                assertFalse(log.ownLine(i == 0 ? 40 : 52), "beyond the limit: summed up");
            }
            clock.addAndGet(SECOND);
            log.flush();

            String summed = lines.await(line -> line.contains("[/test]"), "the summed-up line");
            assertTrue(summed.startsWith("INFO [/test] 5 more messages in the last 1.0 s, 248 bytes (40-52 bytes each), "
                    + "from 0 open connections"), summed);
            assertTrue(summed.contains("--log-messages every logs each one"), "the first one names the switch: " + summed);
            assertTrue(log.ownLine(52), "a new second: own lines again");
        }
    }

    @Test
    void nothingSummedUpWritesNoLine() throws Exception {
        MessageLog log = log(MessageLogging.AUTO);
        try (LogCapture lines = new LogCapture()) {
            assertTrue(log.ownLine(52));
            clock.addAndGet(2 * SECOND);
            log.flush();
            assertTrue(lines.lines().stream().noneMatch(line -> line.contains("[/test]")), lines.lines().toString());
        }
    }

    @Test
    void everyGivesEachMessageItsOwnLineWhateverTheRate() {
        MessageLog log = log(MessageLogging.EVERY);
        for (int i = 0; i < 10 * MessageLogging.LINES_PER_SECOND; i++) {
            assertTrue(log.ownLine(52));
        }
    }

    @Test
    void summaryOnlySumsUp() throws Exception {
        MessageLog log = log(MessageLogging.SUMMARY);
        try (LogCapture lines = new LogCapture()) {
            for (int i = 0; i < 3; i++) {
                assertFalse(log.ownLine(10));
            }
            clock.addAndGet(SECOND + SECOND / 2);
            log.flush();
            String summed = lines.await(line -> line.contains("[/test]"), "the summed-up line");
            assertEquals("INFO [/test] 3 messages in the last 1.5 s, 30 bytes (10 bytes each), from 0 open connections",
                    summed);
        }
    }

    @Test
    void modesParseFromTheCommandLineWords() {
        assertEquals(MessageLogging.EVERY, MessageLogging.parse("every"));
        assertEquals(MessageLogging.SUMMARY, MessageLogging.parse(" Summary "));
        IllegalArgumentException wrong = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> MessageLogging.parse("some"));
        assertEquals("'some' is not a message logging mode; use auto, every or summary", wrong.getMessage());
    }
}
