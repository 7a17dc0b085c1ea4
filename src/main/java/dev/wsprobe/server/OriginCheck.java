package dev.wsprobe.server;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * The origin check of every wsprobe server endpoint: the standard {@link ServerEndpointConfig.Configurator}
 * hook, so every implementation calls it and answers a refusal at the handshake (Tyrus with HTTP 403).
 *
 * <p>{@link #checkOrigin(String)} is given the Origin only, but "the page's own origin" needs the handshake's
 * Host header too, and {@code modifyHandshake}, which sees the headers, runs after it (Tyrus and Undertow both
 * call checkOrigin first) and cannot refuse. So each host hands the Host header over for the duration of the
 * handshake, on the thread that runs it ({@link #handshake(String, String)}); without it only listed origins
 * and clients without Origin are let in. The policy is static because the container, not wsprobe, creates the
 * configurator; each host sets it once at start-up from its own configuration.
 */
public class OriginCheck extends ServerEndpointConfig.Configurator {
    private static final System.Logger LOG = System.getLogger(OriginCheck.class.getName());
    private static final ThreadLocal<Handshake> CURRENT = new ThreadLocal<>();
    private static volatile AllowedOrigins allowed = AllowedOrigins.SAME_ORIGIN_ONLY;

    /** The Host header and path of the handshake being processed on this thread; close it when done. */
    public static final class Handshake implements AutoCloseable {
        private final String host;
        private final String path;
        private final Handshake outer;

        private Handshake(String host, String path, Handshake outer) {
            this.host = host;
            this.path = path;
            this.outer = outer;
        }

        @Override
        public void close() {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public static void allow(AllowedOrigins origins) {
        allowed = origins;
        LOG.log(System.Logger.Level.DEBUG, "allowed origins: " + origins.describe());
    }

    public static AllowedOrigins allowed() {
        return allowed;
    }

    /**
     * Called by a host around the WebSocket implementation's handshake processing.
     *
     * @param host the request's Host header
     * @param path the request path, for the log line of a refusal
     */
    public static Handshake handshake(String host, String path) {
        Handshake handshake = new Handshake(host, path, CURRENT.get());
        CURRENT.set(handshake);
        return handshake;
    }

    /**
     * Decides, and logs one line when refusing. Hosts that must answer the refusal themselves (a servlet filter
     * in front of an implementation that would not say 403) call this directly.
     */
    public static boolean admits(String origin, String host, String path) {
        AllowedOrigins policy = allowed;
        if (policy.allows(origin, host)) {
            return true;
        }
        LOG.log(System.Logger.Level.WARNING, "[" + (path == null ? "?" : path) + "] refused a WebSocket handshake "
                + "with HTTP 403: origin " + origin + " is not allowed"
                + (host == null ? " (the host did not pass the Host header, so the page's own origin is unknown)"
                        : " for host " + host)
                + "; allowed: " + policy.describe() + ". To let it in, add it to the allowed origins "
                + "(server --allowed-origins, or wsprobe.allowed-origins for the WAR)");
        return false;
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        Handshake handshake = CURRENT.get();
        return handshake == null ? admits(originHeaderValue, null, null)
                : admits(originHeaderValue, handshake.host, handshake.path);
    }
}
