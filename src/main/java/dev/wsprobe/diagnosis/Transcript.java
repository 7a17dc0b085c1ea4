package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.HttpHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request and response heads of one check, one line each ({@code > GET / HTTP/1.1}, {@code < HTTP/1.1 101 ...}),
 * secret header values masked and secrets the server quotes back scrubbed, for {@code check --verbose}.
 */
final class Transcript {
    private final CheckRequest request;
    private final List<String> lines = new ArrayList<>();

    /** @param request what the check sends: it knows which values are secret */
    Transcript(CheckRequest request) {
        this.request = request;
    }

    /** A request head as sent, {@code \r\n} between its lines. */
    void sent(String head) {
        String[] headLines = head.split("\r\n");
        for (int i = 0; i < headLines.length; i++) {
            int colon = headLines[i].indexOf(':');
            if (i == 0 || colon <= 0) {
                lines.add("> " + request.scrub(headLines[i]));
            } else {
                String name = headLines[i].substring(0, colon);
                lines.add("> " + name + ": " + request.shown(name, headLines[i].substring(colon + 1).trim()));
            }
        }
    }

    /** A response head as received. */
    void received(HttpHead head) {
        lines.add("< " + request.scrub(head.startLine()));
        masked(head).headers().forEach((name, value) -> lines.add("< " + name + ": " + value));
    }

    /** The head with secret header values masked. */
    HttpHead masked(HttpHead head) {
        Map<String, String> headers = new LinkedHashMap<>();
        head.headers().forEach((name, value) -> headers.put(name, request.shown(name, value)));
        return new HttpHead(head.startLine(), headers);
    }

    List<String> lines() {
        return lines;
    }
}
