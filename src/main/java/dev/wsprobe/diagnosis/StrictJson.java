package dev.wsprobe.diagnosis;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reading side of {@link Json}: a strict RFC 8259 parser for the small documents wsprobe reads itself
 * ({@code /status} for {@code wsprobe health}), without a library (the WAR bundles none). A value becomes a
 * {@code Map<String, Object>} (object, in order), {@code List<Object>}, {@link String}, {@link BigDecimal},
 * {@link Boolean}, or {@link #NULL}. Anything else, trailing text included, is an {@link IllegalArgumentException}
 * naming the position.
 */
public final class StrictJson {
    /** JSON's {@code null} (a Java null could not be told from a missing key). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    private static final int MAX_DEPTH = 64;
    private final String text;
    private int at;

    private StrictJson(String text) {
        this.text = text;
    }

    /** Parses one JSON document. */
    public static Object parse(String text) {
        StrictJson parser = new StrictJson(text);
        Object value = parser.value(0);
        parser.skipWhitespace();
        if (parser.at != text.length()) {
            throw parser.error("text after the end of the document");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        skipWhitespace();
        if (at >= text.length()) {
            throw error("a value is missing");
        }
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> number();
        };
    }

    private Map<String, Object> object(int depth) {
        Map<String, Object> members = new LinkedHashMap<>();
        at++; // {
        skipWhitespace();
        if (consume('}')) {
            return Collections.unmodifiableMap(members);
        }
        do {
            skipWhitespace();
            if (at >= text.length() || text.charAt(at) != '"') {
                throw error("a member name in quotes expected");
            }
            String name = string();
            skipWhitespace();
            expect(':');
            members.put(name, value(depth + 1));
            skipWhitespace();
        } while (consume(','));
        expect('}');
        return Collections.unmodifiableMap(members);
    }

    private List<Object> array(int depth) {
        List<Object> elements = new ArrayList<>();
        at++; // [
        skipWhitespace();
        if (consume(']')) {
            return List.of();
        }
        do {
            elements.add(value(depth + 1));
            skipWhitespace();
        } while (consume(','));
        expect(']');
        return Collections.unmodifiableList(elements);
    }

    private String string() {
        at++; // opening quote
        StringBuilder value = new StringBuilder();
        while (at < text.length()) {
            char c = text.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw error("a control character inside a string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            if (at >= text.length()) {
                break;
            }
            char escaped = text.charAt(at++);
            switch (escaped) {
                case '"', '\\', '/' -> value.append(escaped);
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'u' -> value.append(unicodeEscape());
                default -> throw error("an unknown escape \\" + escaped);
            }
        }
        throw error("a string without its closing quote");
    }

    private char unicodeEscape() {
        if (at + 4 > text.length()) {
            throw error("a \\u escape needs four hex digits");
        }
        try {
            char c = (char) Integer.parseInt(text.substring(at, at + 4), 16);
            at += 4;
            return c;
        } catch (NumberFormatException e) {
            throw error("a \\u escape needs four hex digits");
        }
    }

    private BigDecimal number() {
        int start = at;
        consume('-');
        if (!consume('0') && !digits()) { // a 0 stands alone: no leading zeros
            throw error("a value expected");
        }
        if (consume('.') && !digits()) {
            throw error("digits expected after the decimal point");
        }
        if (consume('e') || consume('E')) {
            if (!consume('+')) {
                consume('-');
            }
            if (!digits()) {
                throw error("digits expected in the exponent");
            }
        }
        return new BigDecimal(text.substring(start, at));
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
            at++;
        }
        return at > start;
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, at)) {
            throw error("a value expected");
        }
        at += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
            at++;
        }
    }

    private boolean consume(char c) {
        if (at < text.length() && text.charAt(at) == c) {
            at++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw error("'" + c + "' expected");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("not JSON at character " + at + ": " + what);
    }
}
