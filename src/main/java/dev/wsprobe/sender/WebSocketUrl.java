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
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("bad URL \"" + text + "\": no host name"
                    + " (expected something like ws://localhost:12345/receive)");
        }
        return uri;
    }

    public static boolean isSecure(URI uri) {
        return "wss".equalsIgnoreCase(uri.getScheme());
    }

    private static String afterScheme(URI uri) {
        return uri.getRawSchemeSpecificPart().replaceFirst("^//", "");
    }
}
