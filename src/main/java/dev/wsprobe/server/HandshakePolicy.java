package dev.wsprobe.server;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The checks every host applies to an upgrade request before its WebSocket implementation sees it, decided
 * once, here: the method, the Connection header, the key, the version, the origin and the connection limits. Tyrus and Undertow each
 * get some of these wrong on their own (a POST upgraded with 101, a missing key answered with 500); the hosts
 * answer the refusal this returns instead ({@code HandshakeGate} in the jar, {@code HandshakeFilter} in the WAR).
 */
public final class HandshakePolicy {
    private static final System.Logger LOG = System.getLogger(HandshakePolicy.class.getName());
    private static final String WEBSOCKET_VERSION = "13";
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final int QUOTED_MAX = 100;

    private final ServerConfig config;
    private final GroupedCounts refusals;

    /** A policy that counts its refusals nowhere but in itself (tests). */
    public HandshakePolicy(ServerConfig config) {
        this(config, GroupedCounts.refusalStatuses());
    }

    /** The policy of {@code server}, counting each refusal in its {@link ServerContext#refusals()}. */
    public HandshakePolicy(ServerContext server) {
        this(server.config(), server.refusals());
    }

    private HandshakePolicy(ServerConfig config, GroupedCounts refusals) {
        this.config = config;
        this.refusals = refusals;
    }

    /**
     * The part of an upgrade request the checks read.
     *
     * @param query    the raw query string, null when none
     * @param protocol every {@code Sec-WebSocket-Protocol} header value, in order (a header may be repeated)
     */
    public record Request(String method, String path, String peer, UnaryOperator<String> headers, String query,
            List<String> protocol) {
        /** A request without query and subprotocol offers. */
        public Request(String method, String path, String peer, UnaryOperator<String> headers) {
            this(method, path, peer, headers, null, List.of());
        }

        String header(String name) {
            return headers.apply(name);
        }
    }

    /** The echo endpoint's path, under any context path: its query parameters ask for faults. */
    private static boolean isEcho(String path) {
        return path != null && path.endsWith("/echo");
    }

    /**
     * The {@code Sec-WebSocket-Protocol} value the host passes on to its WebSocket implementation for a request
     * the policy let through: only the offers the configured subprotocols allow ({@link Subprotocols#restrict});
     * empty when there is nothing to pass on (the header is then removed).
     */
    public Optional<String> passedSubprotocols(Request request) {
        return config.subprotocols().restrict(Subprotocols.offers(request.protocol()));
    }

    /** Open WebSocket connections as the host counts them, for the limits. */
    public interface OpenConnections {
        int total();

        int from(String peer);
    }

    /** True when the request asks for a WebSocket upgrade at all; other requests are not this policy's. */
    public static boolean isUpgrade(UnaryOperator<String> headers) {
        String upgrade = headers.apply("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /**
     * Decides an upgrade request; logs one line for a refusal.
     *
     * @return the refusal to answer, or empty when the request may go on to the WebSocket implementation
     */
    public Optional<HandshakeRefusal> check(Request request, OpenConnections open) {
        Optional<HandshakeRefusal> refusal = decide(request, open);
        if (refusal.isPresent()) {
            HandshakeRefusal refused = refusal.get();
            refusals.record(refused.status());
            LOG.log(System.Logger.Level.WARNING, "refused an upgrade from " + quoted(request.peer()) + " to "
                    + quoted(request.path()) + ": HTTP " + refused.status() + ", " + refused.reason());
        }
        return refusal;
    }

    private Optional<HandshakeRefusal> decide(Request request, OpenConnections open) {
        if (!"GET".equals(request.method())) {
            return refuse(405, "an upgrade must be a GET, not " + quoted(request.method()), Map.of("Allow", "GET"));
        }
        if (!hasToken(request.header("Connection"), "upgrade")) {
            // RFC 6455 section 4.2.1; Tyrus answers this one with 500
            return refuse(400, "Connection does not include Upgrade", Map.of());
        }
        String key = request.header("Sec-WebSocket-Key");
        if (key == null || !isValidKey(key.trim())) {
            return refuse(400, key == null ? "no Sec-WebSocket-Key" : "Sec-WebSocket-Key is not 16 bytes in base64",
                    Map.of());
        }
        if (!WEBSOCKET_VERSION.equals(trimmed(request.header("Sec-WebSocket-Version")))) {
            return refuse(426, "only Sec-WebSocket-Version 13 is supported",
                    Map.of("Sec-WebSocket-Version", WEBSOCKET_VERSION));
        }
        String origin = request.header("Origin");
        AllowedOrigins origins = config.allowedOrigins();
        if (!origins.allows(origin, request.header("Host"))) {
            return refuse(403, "origin " + quoted(origin) + " is not allowed; allowed: " + origins.describe()
                    + " (server --allowed-origins, or wsprobe.allowed-origins for the WAR, lets more in)", Map.of());
        }
        Optional<String> subprotocol = config.subprotocols().refusal(Subprotocols.offers(request.protocol()));
        if (subprotocol.isPresent()) {
            return refuse(400, subprotocol.get(), Map.of());
        }
        if (isEcho(request.path())) {
            try {
                EchoFaults.parseQuery(request.query());
            } catch (IllegalArgumentException e) {
                return refuse(400, "bad fault parameter: " + e.getMessage() + " (README: faults on demand)", Map.of());
            }
        }
        ConnectionLimits limits = config.limits();
        if (limits.maxConnections() > 0 && open.total() >= limits.maxConnections()) {
            return refuse(503, "the server is full (" + limits.maxConnections() + " connections)",
                    Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        if (limits.maxConnectionsPerPeer() > 0 && open.from(request.peer()) >= limits.maxConnectionsPerPeer()) {
            return refuse(429, "too many connections from " + quoted(request.peer()) + " (" + limits.maxConnectionsPerPeer()
                    + ")", Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
        return Optional.empty();
    }

    private static Optional<HandshakeRefusal> refuse(int status, String reason, Map<String, String> headers) {
        return Optional.of(new HandshakeRefusal(status, reason, headers));
    }

    /**
     * A value from the request as it may appear in a reason, which becomes the response's reason phrase (one
     * line) and a log line: control characters as '?', at most {@value #QUOTED_MAX} characters.
     */
    private static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder(Math.min(value.length(), QUOTED_MAX + 3));
        for (int i = 0; i < value.length() && i < QUOTED_MAX; i++) {
            char c = value.charAt(i);
            text.append(c < 0x20 || c == 0x7F ? '?' : c);
        }
        return value.length() > QUOTED_MAX ? text.append("...").toString() : text.toString();
    }

    /** True when a comma-separated header value (such as {@code keep-alive, Upgrade}) holds the token. */
    private static boolean hasToken(String value, String token) {
        if (value == null) {
            return false;
        }
        for (String part : value.split(",")) {
            if (part.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    private static String trimmed(String value) {
        return value == null ? null : value.trim();
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
