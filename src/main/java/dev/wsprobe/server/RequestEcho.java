package dev.wsprobe.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The answer to a plain HTTP {@code GET /echo} (no upgrade): the request line and the headers as the server
 * received them, as {@code text/plain}, so that a user can see what a proxy on the way changed. Credentials
 * are masked: the values of {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie} show as
 * {@code ***}. Each host collects the request its way (a Grizzly handler, a servlet) and renders it here.
 */
public final class RequestEcho {
    public static final String CONTENT_TYPE = "text/plain;charset=UTF-8";
    private static final Set<String> MASKED = Set.of("authorization", "proxy-authorization", "cookie");
    /** A body stays small whatever a client sends: headers beyond this are cut, and a line says so. */
    private static final int MAX_CHARS = 64 * 1024;

    private RequestEcho() {
    }

    /** What a host answers: 200 with the rendered request, or 400 with a reason; always {@link #CONTENT_TYPE}. */
    public record Answer(int status, byte[] body) {
    }

    /**
     * The answer to a plain request, from what the host collected: {@link #render} it, unless it is a
     * {@link #brokenUpgrade}.
     *
     * @param headers name and value of every header line, in the order received (a repeated header repeats)
     */
    public static Answer answer(String method, String target, String protocol,
            List<Map.Entry<String, String>> headers) {
        java.util.function.UnaryOperator<String> first = name -> headers.stream()
                .filter(header -> header.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        return brokenUpgrade(first)
                .map(reason -> new Answer(400, (reason + "\n").getBytes(StandardCharsets.UTF_8)))
                .orElseGet(() -> new Answer(200, render(method, target, protocol, headers)
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A request with WebSocket handshake headers ({@code Sec-WebSocket-Key}, or {@code Connection: Upgrade}) but no
     * {@code Upgrade: websocket} is a broken upgrade, not a request to look at: the hosts answer it with 400 and
     * this reason instead of the echo. Empty for a plain request.
     */
    public static java.util.Optional<String> brokenUpgrade(java.util.function.UnaryOperator<String> headers) {
        String connection = headers.apply("Connection");
        boolean asksUpgrade = headers.apply("Sec-WebSocket-Key") != null
                || connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
        if (asksUpgrade && !HandshakePolicy.isUpgrade(headers)) {
            return java.util.Optional.of("a WebSocket handshake needs Upgrade: websocket (and Connection: Upgrade)");
        }
        return java.util.Optional.empty();
    }

    /**
     * @param method   {@code GET}
     * @param target   the request target, path and query as received ({@code /echo?x=1})
     * @param protocol {@code HTTP/1.1}
     * @param headers  name and value of every header line, in the order received (a repeated header repeats)
     */
    public static String render(String method, String target, String protocol, List<Map.Entry<String, String>> headers) {
        StringBuilder text = new StringBuilder(512);
        text.append(method).append(' ').append(target).append(' ').append(protocol).append('\n');
        for (Map.Entry<String, String> header : headers) {
            String value = MASKED.contains(header.getKey().toLowerCase(Locale.ROOT)) ? "***" : header.getValue();
            if (text.length() + header.getKey().length() + value.length() > MAX_CHARS) {
                text.append("(more headers not shown: over ").append(MAX_CHARS / 1024).append(" KiB)\n");
                break;
            }
            text.append(header.getKey()).append(": ").append(value).append('\n');
        }
        return text.toString();
    }
}
