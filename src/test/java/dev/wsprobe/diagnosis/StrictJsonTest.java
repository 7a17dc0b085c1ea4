package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictJsonTest {
    @Test
    void readsEveryKindOfValue() {
        Object parsed = StrictJson.parse(" {\"a\": [1, -2.5e3, 0], \"b\": {\"c\": \"x\\\"\\u00e9\\n\"}, \"d\": true,"
                + " \"e\": false, \"f\": null} ");
        assertEquals(Map.of("a", List.of(new BigDecimal("1"), new BigDecimal("-2.5e3"), new BigDecimal("0")),
                "b", Map.of("c", "x\"é\n"), "d", true, "e", false, "f", StrictJson.NULL), parsed);
    }

    @Test
    void readsWhatJsonWrites() {
        String tricky = "quote \" backslash \\ tab \t line\u2028 control \u0001";
        assertEquals(tricky, StrictJson.parse(Json.string(tricky)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":1,}", "[1,]", "{a:1}", "01", "1.", "1e", "-", "tru", "\"open",
        "\"bad \\x escape\"", "\"\\u12\"", "{\"a\":1} {}", "'single'", "NaN", "\"raw\ttab\""})
    void refusesWhatIsNotStrictJson(String text) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StrictJson.parse(text));
        assertEquals(true, refused.getMessage().startsWith("not JSON at character "), refused.getMessage());
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        assertThrows(IllegalArgumentException.class, () -> StrictJson.parse("[".repeat(10_000)));
    }
}
