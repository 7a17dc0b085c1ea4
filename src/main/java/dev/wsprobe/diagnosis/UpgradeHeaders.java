package dev.wsprobe.diagnosis;



import dev.wsprobe.wire.HttpHead;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The check's upgrade request as the other clients would send it, and what a refusal's page says. */
final class UpgradeHeaders {
    /** Error pages longer than this are not read: the first words say what matters. */
    private static final int MAX_PAGE = 8 * 1024;
    private static final int PAGE_WAIT_MILLIS = 500;

    private UpgradeHeaders() {
    }

    /** The headers beyond the handshake's own, in order: User-Agent, the request's (Origin among them), subprotocols, extensions. */
    static List<Map.Entry<String, String>> of(CheckRequest options) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (options.headers().stream().noneMatch(header -> header.getKey().equalsIgnoreCase("User-Agent"))) {
            headers.add(Map.entry("User-Agent", "wsprobe-check"));
        }
        headers.addAll(options.headers());
        if (!options.subprotocols().isEmpty()) {
            headers.add(Map.entry("Sec-WebSocket-Protocol", String.join(", ", options.subprotocols())));
        }
        if (options.compress()) {
            headers.add(Map.entry("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits"));
        }
        return headers;
    }

    /** What the body of a refusal says, in one line, when it is short and comes at once; "" otherwise. */
    static String page(Socket channel, HttpHead response) {
        String length = response.header("content-length");
        try {
            int size = length == null ? -1 : Integer.parseInt(length.trim());
            if (size <= 0 || size > MAX_PAGE) {
                return "";
            }
            channel.setSoTimeout(PAGE_WAIT_MILLIS);
            byte[] body = channel.getInputStream().readNBytes(size);
            return Words.pageText(new String(body, StandardCharsets.UTF_8), 160);
        } catch (IOException | NumberFormatException e) {
            return "";
        }
    }
}
