package dev.wsprobe.diagnosis;

/**
 * The one JSON piece wsprobe needs without a library (the WAR bundles none): quoted, escaped strings, for
 * {@code check --json} and {@code /status}.
 */
public final class Json {
    private Json() {
    }

    public static String string(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder quoted = new StringBuilder(value.length() + 2);
        append(quoted, value);
        return quoted.toString();
    }

    /** Appends {@code value} as a JSON string literal. */
    public static void append(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    // the rest of C0 must be escaped; U+2028/2029 too, so the text is also valid JavaScript
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
