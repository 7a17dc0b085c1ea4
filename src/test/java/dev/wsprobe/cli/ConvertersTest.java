package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {
    private final Converters.DurationConverter durations = new Converters.DurationConverter();
    private final Converters.ByteSizeConverter sizes = new Converters.ByteSizeConverter();

    @Test
    void durationsInHumanUnits() {
        assertEquals(Duration.ofSeconds(1), durations.convert("1s"));
        assertEquals(Duration.ofSeconds(2), durations.convert("2"));
        assertEquals(Duration.ofMillis(250), durations.convert("250ms"));
        assertEquals(Duration.ofMillis(1500), durations.convert("1.5s"));
        assertEquals(Duration.ofMinutes(2), durations.convert("2m"));
        assertEquals(Duration.ofHours(1), durations.convert("1h"));
        assertThrows(TypeConversionException.class, () -> durations.convert("soon"));
    }

    @Test
    void sizesInPowersOf1024() {
        assertEquals(65536, sizes.convert("64k"));
        assertEquals(65536, sizes.convert("64KiB"));
        assertEquals(1024 * 1024, sizes.convert("1m"));
        assertEquals(100, sizes.convert("100"));
        assertThrows(TypeConversionException.class, () -> sizes.convert("0"));
        assertThrows(TypeConversionException.class, () -> sizes.convert("big"));
    }
}
