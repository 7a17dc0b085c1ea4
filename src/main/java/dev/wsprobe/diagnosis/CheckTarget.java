package dev.wsprobe.diagnosis;

import java.net.URI;
import java.util.Locale;

/**
 * A ws:// or wss:// URL taken apart the way a raw connection needs it.
 *
 * @param host the host without IPv6 brackets
 * @param port the explicit port, else 80 or 443
 */
record CheckTarget(URI uri, String host, int port, boolean secure) {
    static CheckTarget of(URI uri) {
        boolean secure = "wss".equalsIgnoreCase(uri.getScheme());
        String rawHost = uri.getHost();
        String host = rawHost.startsWith("[") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        return new CheckTarget(uri, host, uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80, secure);
    }

    /** The Host header: brackets around an IPv6 address, the port only when the URL names one. */
    String hostHeader() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return uri.getPort() == -1 ? name : name + ":" + port;
    }

    /** {@code host:port} as a proxy's CONNECT names it: brackets around an IPv6 address, the port always. */
    String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The request target: the raw path ("/" when empty) and query. */
    String pathAndQuery() {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** Whether the path names an echo endpoint: the exchange then sends a message, else a ping. */
    boolean isEcho() {
        return uri.getPath() != null && uri.getPath().toLowerCase(Locale.ROOT).contains("echo");
    }
}
