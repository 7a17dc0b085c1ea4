package dev.wsprobe.wire;

/** The request that asks an HTTP proxy for a tunnel (RFC 9110 section 9.3.6: {@code CONNECT host:port}). */
public final class Tunnel {
    private Tunnel() {
    }

    /**
     * The request head, blank line included.
     *
     * @param authority          {@code host:port} to tunnel to ({@code [::1]:443} for IPv6)
     * @param proxyAuthorization the {@code Proxy-Authorization} value, or null for none
     */
    public static String request(String authority, String proxyAuthorization) {
        return "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n"
                + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n") + "\r\n";
    }

    /** Whether the proxy's answer opened the tunnel (any 2xx). */
    public static boolean opened(HttpHead response) {
        return response.status() >= 200 && response.status() < 300;
    }
}
