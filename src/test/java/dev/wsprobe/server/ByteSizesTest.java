package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ByteSizesTest {
    @Test
    void unitsArePowersOf1024() {
        assertEquals(65536, ByteSizes.parse("64k"));
        assertEquals(65536, ByteSizes.parse(" 64 KiB "));
        assertEquals(1024 * 1024, ByteSizes.parse("1MB"));
        assertEquals(1, ByteSizes.parse("1"));
    }

    @Test
    void outOfRangeAndNonsenseSayWhatToWrite() {
        for (String bad : new String[] {"0", "2048m", "99999999999999999999", "big", "-1", "1g"}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ByteSizes.parse(bad));
            assertTrue(error.getMessage().contains("'" + bad + "'"), error.getMessage());
        }
    }
}
