package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OpenFileLimitTest {
    @Test
    void connectionsThatFitPass() {
        OpenFileLimit.check(19_900, 20, 20_000);
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
