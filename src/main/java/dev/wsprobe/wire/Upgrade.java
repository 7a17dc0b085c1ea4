package dev.wsprobe.wire;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The opening handshake (RFC 6455 section 4): the client's key, the server's accept hash, the two heads. */
public final class Upgrade {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Upgrade() {
    }

    /** A fresh Sec-WebSocket-Key: 16 random bytes in base64. */
    public static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The Sec-WebSocket-Accept a server must answer to {@code key}. */
    public static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /**
     * A client's upgrade request head, blank line included.
     *
     * @param pathAndQuery e.g. {@code /echo?x=1}
     * @param host         the Host header's value ({@code localhost:12345}, {@code [::1]:80})
     * @param extra        more headers, in order (Origin, User-Agent...)
     */
    public static String request(String pathAndQuery, String host, String key, Map<String, String> extra) {
        return request(pathAndQuery, host, key, List.copyOf(extra.entrySet()));
    }

    /** The same, with headers that may repeat a name (two Cookie headers...). */
    public static String request(String pathAndQuery, String host, String key,
            List<Map.Entry<String, String>> extra) {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                .append("Sec-WebSocket-Version: 13\r\n");
        extra.forEach(header -> request.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n"));
        return request.append("\r\n").toString();
    }

    /** A server's 101 answer to a request carrying {@code key}, blank line included. */
    public static String switchingProtocols(String key) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptFor(key) + "\r\n\r\n";
    }

    /** Whether a response switched protocols with the accept hash that belongs to {@code key}. */
    public static boolean accepted(String key, HttpHead response) {
        return response.status() == 101 && acceptFor(key).equals(response.header("sec-websocket-accept"));
    }
}
