package dev.wsprobe.client;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One request header as a user gave it ({@code -H 'Name: value'}). Its {@link #toString()} masks the value of a
 * secret header ({@link Secrets}), so a header can be logged as it is.
 */
public record Header(String name, String value) {
    /** Set by the WebSocket handshake itself: a user value would break it. */
    private static final Set<String> HANDSHAKE_OWNED = Set.of("host", "upgrade", "connection", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-accept", "content-length", "transfer-encoding");

    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || !name.chars().allMatch(Header::tokenChar)) {
            throw new IllegalArgumentException("header name \"" + name + "\" is not a valid HTTP header name");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + ": a value cannot contain a line break");
        }
    }

    /**
     * {@code Name: value} (the value may be empty). Refuses the headers the handshake writes itself, and points
     * the subprotocol and extension headers to their own options.
     */
    public static Header parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--header wants 'Name: value', got '" + Secrets.maskHeaderText(text)
                    + "'");
        }
        Header header = new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
        String lower = header.name.toLowerCase(Locale.ROOT);
        if (lower.equals("sec-websocket-protocol")) {
            throw new IllegalArgumentException("offer subprotocols with -s/--subprotocol NAME, not a header");
        }
        if (lower.equals("sec-websocket-extensions")) {
            throw new IllegalArgumentException("offer permessage-deflate with --compress, not a header");
        }
        if (HANDSHAKE_OWNED.contains(lower)) {
            throw new IllegalArgumentException("header " + header.name + " is written by the WebSocket handshake "
                    + "itself and cannot be set");
        }
        return header;
    }

    public boolean named(String other) {
        return name.equalsIgnoreCase(other);
    }

    public boolean secret() {
        return Secrets.isSecret(name);
    }

    /** {@code Name: value}, or {@code Name: ***} for a secret header. */
    @Override
    public String toString() {
        return name + ": " + Secrets.mask(name, value);
    }

    private static boolean tokenChar(int c) {
        return c > 32 && c < 127 && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
