package dev.wsprobe.sender;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks a URL a user typed before any connection is tried, with an error that says what to type instead. */
public final class WebSocketUrl {
    private WebSocketUrl() {
    }

    /** A ws:// or wss:// URI with a host; otherwise {@link IllegalArgumentException} with a one-line reason. */
    public static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad URL \"" + text + "\": " + e.getReason()
                    + " (expected something like ws://localhost:12345/receive)");
        }
        // "localhost:12345" parses as scheme "localhost": without "//" there was no scheme meant
        String scheme = uri.getScheme() == null || uri.isOpaque() ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "ws", "wss" -> {
                // fine
            }
            case "http" -> throw new IllegalArgumentException("bad URL \"" + text
                    + "\": WebSocket URLs start with ws://, not http:// (use ws://" + afterScheme(uri) + ")");
            case "https" -> throw new IllegalArgumentException("bad URL \"" + text
                    + "\": WebSocket URLs start with wss://, not https:// (use wss://" + afterScheme(uri) + ")");
            case "" -> throw new IllegalArgumentException("bad URL \"" + text
                    + "\": no scheme; write ws://" + text + " (or wss:// for TLS)");
            default -> throw new IllegalArgumentException("bad URL \"" + text + "\": scheme \"" + uri.getScheme()
                    + "\" is not a WebSocket scheme; use ws:// or wss://");
        }
        checkPort(text, uri);
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("bad URL \"" + text + "\": no host name"
                    + " (expected something like ws://localhost:12345/receive)");
        }
        return uri;
    }

    /**
     * {@link URI} takes any digits as a port ({@code :99999}, {@code :0}) and reads an authority with {@code :-1}
     * as having no host: both are a bad port, said as such.
     */
    private static void checkPort(String text, URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return;
        }
        String hostAndPort = authority.substring(authority.lastIndexOf('@') + 1);
        int close = hostAndPort.lastIndexOf(']');
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0 || colon < close || (close < 0 && hostAndPort.indexOf(':') != colon)) {
            return; // no port, or an IPv6 literal without brackets (refused below as having no host)
        }
        String port = hostAndPort.substring(colon + 1);
        if (port.isEmpty()) {
            return; // "host:" means the default port
        }
        boolean valid;
        try {
            int number = Integer.parseInt(port);
            valid = number >= 1 && number <= 65535 && port.chars().allMatch(Character::isDigit);
        } catch (NumberFormatException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalArgumentException("bad URL \"" + text + "\": port must be 1-65535, got " + port);
        }
    }

    public static boolean isSecure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    private static String afterScheme(URI uri) {
        return uri.getRawSchemeSpecificPart().replaceFirst("^//", "");
    }
}
