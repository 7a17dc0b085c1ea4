package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {
    @ParameterizedTest
    @ValueSource(strings = {"", "Hello Cruel World", "é", "€ and ü", "emoji \uD83D\uDE00 in text", "日本語"})
    void countsTheBytesTheEncoderWouldWrite(String text) {
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\uD83D", "a\uDE00b"})
    void anUnpairedSurrogateCountsAsTheQuestionMarkItBecomes(String text) {
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Utf8.length(text));
    }
}
