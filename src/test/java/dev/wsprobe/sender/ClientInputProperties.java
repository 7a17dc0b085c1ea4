package dev.wsprobe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * What a client reads from people and peers (jqwik): URLs as typed, and the sequence numbers and
 * acknowledgements in messages. A URL is a ws:// or wss:// URI with a host and a valid port, or an
 * IllegalArgumentException with a one-line reason; a message yields its number or none, never an exception.
 * Tries per property: {@code jqwik.tries.default} (pom; {@code -Djqwik.tries.default=100000} for a long run).
 */
class ClientInputProperties {
    @Provide
    Arbitrary<String> urls() {
        Arbitrary<String> scheme = Arbitraries.of("ws://", "wss://", "WS://", "http://", "https://", "ftp://", "",
                "ws:/", "ws:");
        Arbitrary<String> host = Arbitraries.oneOf(Arbitraries.of("localhost", "127.0.0.1", "[::1]", "::1", "",
                "user:pw@host", "a_b.test", "[zz]"), Arbitraries.strings().all().ofMaxLength(20));
        Arbitrary<String> port = Arbitraries.oneOf(Arbitraries.of("", ":", ":0", ":1", ":65535", ":65536", ":-1",
                ":99999999999", ":٣"), Arbitraries.strings().numeric().ofMaxLength(12).map(digits -> ":" + digits));
        Arbitrary<String> rest = Arbitraries.oneOf(Arbitraries.of("", "/receive", "/echo?x=1#f", "/%zz", "/ a"),
                Arbitraries.strings().all().ofMaxLength(20));
        return Arbitraries.oneOf(net.jqwik.api.Combinators.combine(scheme, host, port, rest)
                .as((s, h, p, r) -> s + h + p + r), Arbitraries.strings().all().ofMaxLength(60));
    }

    @Property
    void aUrlIsAWebSocketUriOrOneLineSayingWhy(@ForAll("urls") String text) {
        URI uri;
        try {
            uri = WebSocketUrl.parse(text);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith("bad URL \""), refused.getMessage());
            return;
        }
        assertTrue(uri.getScheme().equalsIgnoreCase("ws") || uri.getScheme().equalsIgnoreCase("wss"), text);
        assertFalse(uri.getHost() == null || uri.getHost().isEmpty(), text);
        assertTrue(uri.getPort() == -1 || (uri.getPort() >= 1 && uri.getPort() <= 65535), text + ": " + uri.getPort());
    }

    @Property
    void anyMessageHasANumberOrNone(@ForAll String message) {
        OptionalLong number = SequenceNumbers.sequenceOf(message);
        number.ifPresent(n -> assertTrue(n >= 0, message));
        SequenceNumbers.acknowledged(message).ifPresent(n -> assertTrue(n >= 0, message));
    }

    @Property
    void theNumberAMessageEndsWithIsItsNumber(@ForAll String text, @ForAll @LongRange(max = 999_999_999_999_999_999L)
            long number) {
        assertEquals(OptionalLong.of(number), SequenceNumbers.sequenceOf(text + " #" + number));
        assertEquals(OptionalLong.of(number), SequenceNumbers.acknowledged(SequenceNumbers.ack(number)));
    }

    @Property
    void numbersTooLongForALongAreNone(@ForAll("longDigits") String digits) {
        SequenceNumbers.sequenceOf("x #" + digits); // 19 digits and more: not a number, and no exception
        SequenceNumbers.acknowledged("ack #" + digits);
    }

    @Provide
    Arbitrary<String> longDigits() {
        return Arbitraries.strings().numeric().ofMinLength(19).ofMaxLength(40);
    }
}
