package dev.wsprobe.server;

import java.util.Map;

/**
 * How a host answers an upgrade request it refuses: the HTTP status, a reason in plain words (the response's
 * reason phrase and its one-line text body), and the headers the status calls for ({@code Allow} with 405,
 * {@code Sec-WebSocket-Version} with 426, {@code Retry-After} with 429 and 503). A value: each host writes it
 * in its own way (the Grizzly filter, the servlet filter), nobody parses it back.
 */
public record HandshakeRefusal(int status, String reason, Map<String, String> headers) {
    /** The body's type, the same from every host. */
    public static final String CONTENT_TYPE = "text/plain;charset=UTF-8";

    public HandshakeRefusal {
        headers = Map.copyOf(headers);
        // a reason may quote what the client sent (a query parameter): no control character may reach the
        // status line, where a line break would end it
        reason = reason.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** The text body: the reason and a line end. */
    public String body() {
        return reason + "\n";
    }
}
