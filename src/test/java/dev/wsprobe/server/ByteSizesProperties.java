package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Sizes as any host's settings read them (jqwik): a size from 1 byte to 2 GiB, or an IllegalArgumentException
 * saying what to write; never another exception, never a size that overflowed. Tries per property:
 * {@code jqwik.tries.default} (pom; {@code -Djqwik.tries.default=100000} for a long run).
 */
class ByteSizesProperties {
    @Provide
    Arbitrary<String> sizes() {
        Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.strings().numeric().ofMaxLength(25),
                Arbitraries.of("0", "-1", "+5", "1.5", "٣", "2147483647", "2147483648", "2097152", "2048"));
        Arbitrary<String> unit = Arbitraries.of("", "k", "K", "kib", "KiB", "kb", "m", "MiB", "mb", "g", " k", "kk");
        return Arbitraries.oneOf(net.jqwik.api.Combinators.combine(number, unit).as((n, u) -> n + u),
                Arbitraries.strings().all().ofMaxLength(30));
    }

    @Property
    void anySizeTextIsASizeInRangeOrSaysWhatToWrite(@ForAll("sizes") String text) {
        try {
            int bytes = ByteSizes.parse(text);
            assertTrue(bytes >= 1, text + " -> " + bytes);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith("'" + text + "'"), refused.getMessage());
        }
    }

    @Property
    void kibibytesAndMebibytesAreExact(@ForAll @IntRange(min = 1, max = 2047) int n) {
        assertEquals(n * 1024, ByteSizes.parse(n + "k"));
        assertEquals(n * 1024, ByteSizes.parse(n + " KiB"));
        assertEquals(n * 1024 * 1024, ByteSizes.parse(n + "m"));
        assertEquals(n, ByteSizes.parse(String.valueOf(n)));
    }
}
