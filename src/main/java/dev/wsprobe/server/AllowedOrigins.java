package dev.wsprobe.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which web pages may open WebSocket connections to the server endpoints, judged by the {@code Origin} header
 * a browser sends with every handshake (RFC 6455 section 10.2). Clients that send no Origin (command-line
 * tools, other servers, the JDK and Jetty clients) are not browsers acting for a page, and are always let in
 * (Tyrus' client sends an Origin naming the server it connects to, so it counts as the same origin).
 *
 * <p>A page always reaches the server it was served from: its Origin names the same host and port as the
 * handshake's {@code Host} header. The scheme is not compared, so a TLS-terminating proxy that keeps the Host
 * header does not lock out the page it serves. Everything else must be listed, or {@code *} given.
 */
public final class AllowedOrigins {
    /** Allows every origin. */
    public static final String ANY = "*";
    /** What a page opened from a file (or a sandboxed frame) sends as its Origin. */
    public static final String NULL_ORIGIN = "null";

    /** The default: pages from this server, and clients without an Origin. */
    public static final AllowedOrigins SAME_ORIGIN_ONLY = new AllowedOrigins(false, Set.of());

    private final boolean any;
    private final Set<String> listed;

    private AllowedOrigins(boolean any, Set<String> listed) {
        this.any = any;
        this.listed = listed;
    }

    /**
     * Parses the setting: empty or blank for the default, {@code *} for any origin, or a comma-separated list
     * of origins such as {@code http://localhost:3000,https://tools.example.com} ({@code null} admits pages
     * opened from files).
     *
     * @throws IllegalArgumentException naming the entry that is not an origin
     */
    public static AllowedOrigins parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return SAME_ORIGIN_ONLY;
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String entry : setting.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.equals(ANY)) {
                return new AllowedOrigins(true, Set.of());
            }
            origins.add(trimmed.equalsIgnoreCase(NULL_ORIGIN) ? NULL_ORIGIN : normalizeListed(trimmed));
        }
        return origins.isEmpty() ? SAME_ORIGIN_ONLY : new AllowedOrigins(false, Set.copyOf(origins));
    }

    /**
     * @param origin      the handshake's Origin header, null when absent
     * @param requestHost the handshake's Host header, null when the hosting layer could not supply it
     */
    public boolean allows(String origin, String requestHost) {
        if (origin == null || any) {
            return true;
        }
        String normalized = normalizeOrNull(origin.trim());
        if (normalized == null) {
            return origin.trim().equalsIgnoreCase(NULL_ORIGIN) && listed.contains(NULL_ORIGIN);
        }
        return listed.contains(normalized) || sameHostAndPort(normalized, requestHost);
    }

    public boolean allowsAny() {
        return any;
    }

    /** For logs and refusals: {@code same origin, no Origin, http://localhost:3000}. */
    public String describe() {
        if (any) {
            return "any origin (*)";
        }
        List<String> parts = new ArrayList<>(List.of("the page's own origin", "clients without Origin"));
        parts.addAll(listed);
        return String.join(", ", parts);
    }

    @Override
    public String toString() {
        return describe();
    }

    private static boolean sameHostAndPort(String normalizedOrigin, String requestHost) {
        if (requestHost == null || requestHost.isBlank()) {
            return false;
        }
        URI origin = URI.create(normalizedOrigin);
        URI host;
        try {
            // the Host header is an authority: host, [v6] or host:port
            host = new URI(origin.getScheme() + "://" + requestHost.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        if (host.getHost() == null) {
            return false;
        }
        return origin.getHost().equalsIgnoreCase(host.getHost())
                && port(origin) == port(host);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return switch (uri.getScheme()) {
            case "https", "wss" -> 443;
            default -> 80;
        };
    }

    private static String normalizeListed(String entry) {
        String normalized = normalizeOrNull(entry.endsWith("/") ? entry.substring(0, entry.length() - 1) : entry);
        if (normalized == null) {
            throw new IllegalArgumentException("'" + entry + "' is not an origin; write scheme://host[:port], "
                    + "e.g. http://localhost:3000, or * for any, or null for pages opened from files");
        }
        return normalized;
    }

    /** {@code scheme://host[:port]} in lower case, default ports dropped, as browsers send it; null if not one. */
    private static String normalizeOrNull(String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null || uri.getHost() == null || uri.getRawUserInfo() != null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return null;
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || port == port(URI.create(scheme + "://" + host));
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
