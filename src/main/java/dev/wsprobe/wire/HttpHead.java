package dev.wsprobe.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The head of an HTTP/1.1 request or response: its start line and its headers (names in lower case, in the
 * order they came; a repeated name keeps its last value).
 */
public record HttpHead(String startLine, Map<String, String> headers) {
    /** Heads longer than this are cut: no upgrade answer needs more. */
    public static final int MAX_BYTES = 16 * 1024;

    public HttpHead {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /**
     * Reads bytes up to and including the blank line that ends a head. Stops early, returning what came, at
     * the end of the stream (nothing at all: the peer closed without answering), after {@link #MAX_BYTES},
     * or after two bytes that start a TLS record (no point reading an HTTP head from a TLS server).
     */
    public static byte[] readRaw(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (head.size() < MAX_BYTES) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            if (head.size() == 2 && isTlsRecord(head.toByteArray())) {
                break;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                break;
            }
        }
        return head.toByteArray();
    }

    /** Whether {@code raw} ends with the blank line that completes a head. */
    public static boolean isComplete(byte[] raw) {
        int n = raw.length;
        return n >= 4 && raw[n - 4] == '\r' && raw[n - 3] == '\n' && raw[n - 2] == '\r' && raw[n - 1] == '\n';
    }

    /** Reads a whole head; an IOException when the stream ends (or the head grows too long) before its end. */
    public static HttpHead read(InputStream in) throws IOException {
        byte[] raw = readRaw(in);
        if (!isComplete(raw)) {
            throw new IOException("the peer closed the connection before the end of the HTTP head: "
                    + new String(raw, StandardCharsets.ISO_8859_1));
        }
        return parse(raw);
    }

    /** Splits a head into its start line and headers; lines without a colon are skipped. */
    public static HttpHead parse(byte[] raw) {
        String[] lines = new String(raw, StandardCharsets.ISO_8859_1).split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new HttpHead(lines.length == 0 ? "" : lines[0], headers);
    }

    /** Whether bytes start like a TLS record: content type 21 (alert) or 22 (handshake), then major version 3. */
    public static boolean isTlsRecord(byte[] start) {
        return start.length >= 2 && (start[0] == 0x15 || start[0] == 0x16) && start[1] == 0x03;
    }

    /** For a response: the status code of {@code HTTP/1.1 101 Switching Protocols}, -1 when there is none. */
    public int status() {
        String[] parts = startLine.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A header's value by name (any case), or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** {@code name: value, name: value}, "-" for none: headers in one line for a report. */
    public String headersInOneLine() {
        return headers.isEmpty() ? "-" : headers.entrySet().stream()
                .map(header -> header.getKey() + ": " + header.getValue()).collect(Collectors.joining(", "));
    }
}
