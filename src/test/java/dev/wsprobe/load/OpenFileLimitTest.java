package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenFileLimitTest {
    @Test
    void theLastConnectionThatFitsPassesAndOneMoreIsRefused() {
        // 20 files open, 40 of headroom: 19,940 connections fill a limit of 20,000 exactly
        OpenFileLimit.check(19_940, 20, 20_000);
        IllegalStateException oneMore = assertThrows(IllegalStateException.class,
                () -> OpenFileLimit.check(19_941, 20, 20_000));
        assertTrue(oneMore.getMessage().startsWith("19941 connections need about 20001 open files"),
                oneMore.getMessage());
    }

    @Test
    void thisProcessLimitIsReadAndApplied() {
        // the check on the running JVM reads its real limit (ulimit -n): more connections than any limit refused
        IllegalStateException tooMany = assertThrows(IllegalStateException.class,
                () -> OpenFileLimit.check(Integer.MAX_VALUE - 1_000_000));
        assertTrue(tooMany.getMessage().contains("(ulimit -n)"), tooMany.getMessage());
        OpenFileLimit.check(1); // and one connection fits
    }

    @Test
    void tooManyConnectionsSayWhatLimitAndWhatToDo() {
        IllegalStateException tooMany = assertThrows(IllegalStateException.class,
                () -> OpenFileLimit.check(25_000, 20, 20_000));
        assertEquals("25000 connections need about 25060 open files, but this process may open only 20000 (ulimit -n): "
                + "raise it, e.g. `ulimit -n 26000` in this shell (up to the hard limit, `ulimit -Hn`), or use at most "
                + "19940 --connections; a server on this machine needs as many", tooMany.getMessage());
    }
}
