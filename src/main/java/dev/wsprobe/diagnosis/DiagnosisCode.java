package dev.wsprobe.diagnosis;

/**
 * Stable names for what went wrong, for scripts and tests. Each says whether retrying can help
 * ({@link #isTransient()}) and which step of a connection it belongs to ({@link #step()}).
 */
public enum DiagnosisCode {
    UNKNOWN_HOST(false, Step.RESOLVE),
    CONNECTION_REFUSED(true, Step.CONNECT),
    CONNECT_TIMEOUT(true, Step.CONNECT),
    /** The network cannot reach the address (no route to host, network unreachable): host down, firewall... */
    NO_ROUTE_TO_HOST(true, Step.CONNECT),
    /** The HTTP proxy cannot be reached: its host does not resolve, nothing listens there, or it does not answer. */
    PROXY_UNREACHABLE(true, Step.CONNECT),
    /** The HTTP proxy wants credentials (407), or refused the ones sent. */
    PROXY_AUTH_REQUIRED(false, Step.CONNECT),
    /** The HTTP proxy refuses the tunnel (403: a port or host rule, or another answer than 2xx to CONNECT). */
    PROXY_REFUSED(false, Step.CONNECT),
    /** The HTTP proxy could not reach the server (502, 504). */
    PROXY_TARGET_UNREACHABLE(true, Step.CONNECT),
    /** ws:// to a port that speaks TLS. */
    TLS_EXPECTED(false, Step.HANDSHAKE),
    /** wss:// to a port that speaks plain HTTP. */
    TLS_NOT_SPOKEN(false, Step.TLS),
    CERTIFICATE_UNTRUSTED(false, Step.TLS),
    HOST_NAME_MISMATCH(false, Step.TLS),
    CERTIFICATE_EXPIRED(false, Step.TLS),
    CERTIFICATE_NOT_YET_VALID(false, Step.TLS),
    TLS_FAILED(false, Step.TLS),
    /** The server wants a client certificate (mutual TLS) and got none it accepts. */
    CLIENT_CERTIFICATE_REJECTED(false, Step.TLS),
    /** A 4xx answer to the upgrade: the request is wrong, retrying the same one cannot help. */
    HTTP_CLIENT_ERROR(false, Step.HANDSHAKE),
    /** A 401 to an upgrade that carried no credentials. */
    CREDENTIALS_MISSING(false, Step.HANDSHAKE),
    /** A 401 to an upgrade that carried credentials: wrong, expired, or of another scheme. */
    CREDENTIALS_REFUSED(false, Step.HANDSHAKE),
    /** A 403: the server knows the request and refuses it (rights, Origin, address). */
    FORBIDDEN(false, Step.HANDSHAKE),
    /** The server refused an upgrade offering no subprotocol, and says it wants one. */
    SUBPROTOCOL_REQUIRED(false, Step.HANDSHAKE),
    /** Subprotocols were offered and none was agreed: refused, a 101 without one, or a 101 with one not offered. */
    SUBPROTOCOL_NOT_AGREED(false, Step.HANDSHAKE),
    /** A 3xx answer to the upgrade: the endpoint is elsewhere (WebSocket clients do not follow redirects). */
    REDIRECTED(false, Step.HANDSHAKE),
    /** A 5xx answer to the upgrade: the server may recover. */
    HTTP_SERVER_ERROR(true, Step.HANDSHAKE),
    /** An HTTP answer without upgrade (200...): not a WebSocket endpoint. */
    NOT_WEBSOCKET(false, Step.HANDSHAKE),
    /** Connected (and TLS done), but no answer to the HTTP upgrade in time. */
    HANDSHAKE_TIMEOUT(true, Step.HANDSHAKE),
    /** The upgrade succeeded, but the echo or pong never came back in time. */
    EXCHANGE_TIMEOUT(true, Step.WEBSOCKET),
    /** The connection dropped without a close frame (1006, reset). */
    CONNECTION_DROPPED(true, Step.WEBSOCKET),
    /** The server closed with 1000, 1001 or a try-again code (1011-1014). */
    SERVER_CLOSED_TRANSIENT(true, Step.WEBSOCKET),
    /** The server closed with a code that says this client did something wrong (1002, 1003, 1007-1010). */
    SERVER_CLOSED_PERMANENT(false, Step.WEBSOCKET),
    /** The client failed but a fresh check passed: probably a server that was just coming up. */
    CONNECT_FAILED_UNEXPLAINED(true, Step.HANDSHAKE);

    /** The steps of a connection, in order, as {@code wsprobe check} shows them. */
    public enum Step {
        RESOLVE, CONNECT, TLS, HANDSHAKE, WEBSOCKET
    }

    private final boolean transientFailure;
    private final Step step;

    DiagnosisCode(boolean transientFailure, Step step) {
        this.transientFailure = transientFailure;
        this.step = step;
    }

    public boolean isTransient() {
        return transientFailure;
    }

    public Step step() {
        return step;
    }
}
