package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line's converters on anything a user could type (jqwik): a value, or picocli's conversion error
 * carrying wsprobe's one-line reason (which picocli prints and turns into exit code 2); never another
 * exception. Tries per property: {@code jqwik.tries.default} (pom; {@code -Djqwik.tries.default=100000}).
 */
class ConvertersProperties {
    @Provide
    Arbitrary<String> durations() {
        Arbitrary<String> amount = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(400),
                Arbitraries.of("0", "1.5", ".5", "1.", "-1", "1e3", "NaN", "Infinity", "٣"));
        Arbitrary<String> unit = Arbitraries.of("", "ms", "s", "m", "h", "MS", " s", "d", "min", "sec");
        return Arbitraries.oneOf(net.jqwik.api.Combinators.combine(amount, unit).as((a, u) -> a + u),
                Arbitraries.strings().all().ofMaxLength(30));
    }

    @Property
    void anyDurationTextIsADurationOrAConversionError(@ForAll("durations") String text) {
        try {
            Duration duration = new Converters.DurationConverter().convert(text);
            assertFalse(duration.isNegative(), text + " -> " + duration);
        } catch (TypeConversionException refused) {
            assertTrue(refused.getMessage().startsWith("'" + text + "'"), refused.getMessage());
        }
    }

    @Property
    void wholeUnitsAreExact(@ForAll @IntRange(min = 0, max = 100_000) int n) {
        Converters.DurationConverter durations = new Converters.DurationConverter();
        assertEquals(Duration.ofMillis(n), durations.convert(n + "ms"));
        assertEquals(Duration.ofSeconds(n), durations.convert(n + "s"));
        assertEquals(Duration.ofSeconds(n), durations.convert(String.valueOf(n)));
        assertEquals(Duration.ofMinutes(n), durations.convert(n + "m"));
        assertEquals(Duration.ofHours(n), durations.convert(n + "h"));
    }

    @Property
    void anySizeTextIsASizeOrAConversionError(@ForAll String text) {
        try {
            assertTrue(new Converters.ByteSizeConverter().convert(text) >= 1, text);
        } catch (TypeConversionException refused) {
            assertFalse(refused.getMessage().isBlank());
        }
        try {
            assertTrue(new Converters.ByteSizeOrZeroConverter().convert(text) >= 0, text);
        } catch (TypeConversionException refused) {
            assertFalse(refused.getMessage().isBlank());
        }
    }

    @Property
    void anyUrlArgumentIsAUriOrAParameterErrorSayingBadUrl(@ForAll String text) {
        CommandSpec spec = CommandSpec.create();
        new CommandLine(spec);
        try {
            URI uri = Converters.webSocketUrl(spec, text);
            assertTrue(uri.getScheme().equalsIgnoreCase("ws") || uri.getScheme().equalsIgnoreCase("wss"), text);
        } catch (ParameterException refused) {
            assertTrue(refused.getMessage().startsWith("bad URL"), refused.getMessage());
        }
    }
}
