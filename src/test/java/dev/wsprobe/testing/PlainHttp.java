package dev.wsprobe.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 request written byte for byte on a plain socket, and its response read whole (by its
 * Content-Length, or to the end of the connection): for requests an HTTP client library would tidy up (upgrade
 * requests with odd query strings, repeated headers).
 */
public final class PlainHttp {
    /** The status, the headers (names in lower case, the last of repeated ones) and the body as UTF-8. */
    public record Response(int status, String statusLine, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private PlainHttp() {
    }

    /** An upgrade request for {@code pathAndQuery} on {@code target}'s host and port, with extra header lines. */
    public static String upgrade(URI target, String pathAndQuery, String... extraHeaderLines) {
        StringBuilder request = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: ")
                .append(target.getHost()).append(':').append(target.getPort())
                .append("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        for (String line : extraHeaderLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Sends {@code raw} to {@code target}'s host and port and reads the response. */
    public static Response exchange(URI target, String raw) throws IOException {
        try (Socket socket = new Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout((int) Await.PATIENCE.toMillis());
            socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("the server closed the connection after: " + head);
                }
                head.write(b);
            }
            String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
                }
            }
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            String length = headers.get("content-length");
            byte[] body;
            if (status == 101) {
                body = new byte[0];
            } else if (length != null) {
                body = in.readNBytes(Integer.parseInt(length));
            } else {
                body = in.readAllBytes();
            }
            return new Response(status, lines[0], headers, new String(body, StandardCharsets.UTF_8));
        }
    }
}
