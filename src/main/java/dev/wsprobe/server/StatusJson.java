package dev.wsprobe.server;

import dev.wsprobe.sender.SenderStatus;
import java.math.BigDecimal;

/**
 * Writes a {@link ServerStatus} as the JSON every host serves at {@code /status}:
 * <pre>{@code
 * {"uptimeSeconds":12.345,
 *  "endpoints":{"/receive":{"openConnections":1,"connectionsAccepted":3,"messagesReceived":10,"bytesReceived":420},
 *               "/echo":{...}},
 *  "sender":null}
 * }</pre>
 * or {@code "sender":{"state":"ready","target":"ws://...","sent":5,"sendFailures":0}}. Written by hand
 * because the WAR bundles no libraries and the document is this small; strings are escaped per RFC 8259.
 */
public final class StatusJson {
    private StatusJson() {
    }

    public static String write(ServerStatus status) {
        StringBuilder json = new StringBuilder(256);
        json.append("{\"uptimeSeconds\":");
        // milliseconds as a plain decimal: never exponent notation, however long the server runs
        json.append(BigDecimal.valueOf(status.uptime().toMillis(), 3).toPlainString());
        json.append(",\"endpoints\":{");
        String separator = "";
        for (EndpointStats.Snapshot endpoint : status.endpoints()) {
            json.append(separator);
            separator = ",";
            string(json, endpoint.path());
            json.append(":{\"openConnections\":").append(endpoint.openConnections())
                    .append(",\"connectionsAccepted\":").append(endpoint.connectionsAccepted())
                    .append(",\"messagesReceived\":").append(endpoint.messagesReceived())
                    .append(",\"bytesReceived\":").append(endpoint.bytesReceived())
                    .append('}');
        }
        json.append("},\"sender\":");
        SenderStatus sender = status.sender();
        if (sender == null) {
            json.append("null");
        } else {
            json.append("{\"state\":");
            string(json, sender.state().toString());
            json.append(",\"target\":");
            string(json, sender.target().toString());
            json.append(",\"sent\":").append(sender.sent())
                    .append(",\"sendFailures\":").append(sender.sendFailures())
                    .append('}');
        }
        return json.append('}').toString();
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, everything else as is. */
    static void string(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    // the rest of C0 must be escaped; U+2028/2029 too, so the text is also valid JavaScript
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
