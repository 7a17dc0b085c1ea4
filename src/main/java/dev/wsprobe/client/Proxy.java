package dev.wsprobe.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP proxy that the client asks for a tunnel ({@code CONNECT host:port}).
 *
 * @param host     proxy host
 * @param port     proxy port (1080 when the URL names none, as curl does)
 * @param user     proxy user name, or null for none
 * @param password proxy password, or null for none
 * @param source   where it came from, for the log: {@code --proxy}, {@code HTTPS_PROXY}, ...
 */
public record Proxy(String host, int port, String user, String password, String source) {
    public static final int DEFAULT_PORT = 1080;

    public Proxy {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(source, "source");
    }

    /**
     * {@code http://[user:password@]host[:port][/]}; a bare {@code host:port} means http as for curl. Only plain
     * http proxies: the tunnel inside carries TLS itself for wss.
     */
    public static Proxy parse(String text, String source) {
        String trimmed = text.trim();
        String withScheme = trimmed.contains("://") ? trimmed : "http://" + trimmed;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(source + ": not a proxy URL (" + e.getReason()
                    + "); write e.g. http://proxy.example.com:3128");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http")) {
            throw new IllegalArgumentException(source + ": only http:// proxies (HTTP CONNECT) are supported, got "
                    + scheme + "://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(source + ": no proxy host; write e.g. http://proxy.example.com:3128");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(source + ": port must be 1-65535");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new Proxy(host, port, user, password, source);
    }

    public boolean hasCredentials() {
        return user != null;
    }

    public Proxy withCredentials(String newUser, String newPassword) {
        return new Proxy(host, port, newUser, newPassword, source);
    }

    /** The proxy as Tyrus wants it: {@code http://host:port}, no credentials. */
    public String uri() {
        return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The {@code Proxy-Authorization} value, or null without credentials. */
    public String authorization() {
        if (user == null) {
            return null;
        }
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** For logs: never the password. */
    @Override
    public String toString() {
        return uri() + (user == null ? "" : " (user " + user + ", password " + Secrets.MASK + ")") + " from "
                + source;
    }
}
