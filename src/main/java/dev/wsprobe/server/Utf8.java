package dev.wsprobe.server;

/** The size of a text message on the wire, counted without encoding it (no copy per message). */
public final class Utf8 {
    private Utf8() {
    }

    /**
     * Bytes of {@code text} in UTF-8, as {@code String.getBytes(UTF_8)} would write them: an unpaired surrogate
     * becomes the one-byte {@code ?}.
     */
    public static int length(CharSequence text) {
        int bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /**
     * {@code text} in pieces of at most {@code maxBytes} bytes of UTF-8 each, never splitting a character (a piece
     * holds at least one, so a 4-byte character makes a piece of 4 bytes even when {@code maxBytes} is smaller);
     * one empty piece for an empty text.
     */
    public static java.util.List<String> split(String text, int maxBytes) {
        java.util.List<String> pieces = new java.util.ArrayList<>();
        int start = 0;
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int codePoint = text.codePointAt(i);
            int width = Character.charCount(codePoint);
            int size = length(text.substring(i, i + width));
            if (bytes > 0 && bytes + size > maxBytes) {
                pieces.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += width;
        }
        pieces.add(text.substring(start));
        return pieces;
    }
}
