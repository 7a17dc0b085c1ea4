package dev.wsprobe.server;

import dev.wsprobe.diagnosis.Json;

import dev.wsprobe.sender.SenderStatus;
import java.math.BigDecimal;

/**
 * Writes a {@link ServerStatus} as the JSON every host serves at {@code /status}:
 * <pre>{@code
 * {"uptimeSeconds":12.345,
 *  "endpoints":{"/receive":{"openConnections":1,"connectionsAccepted":3,"messagesReceived":10,"bytesReceived":420},
 *               "/echo":{...}},
 *  "sequences":{...},
 *  "subprotocols":{"chat":3},
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
        ServerStatus.Sequences sequences = status.sequences();
        json.append("},\"sequences\":{\"senders\":").append(sequences.senders())
                .append(",\"missing\":").append(sequences.missing())
                .append(",\"duplicates\":").append(sequences.duplicates())
                .append(",\"resets\":").append(sequences.resets())
                .append(",\"forgotten\":").append(sequences.forgotten())
                .append(",\"evicted\":").append(sequences.evicted())
                .append(",\"expired\":").append(sequences.expired());
        json.append("},\"subprotocols\":{");
        separator = "";
        for (java.util.Map.Entry<String, Long> chosen : status.subprotocols().entrySet()) {
            json.append(separator);
            separator = ",";
            string(json, chosen.getKey());
            json.append(':').append(chosen.getValue());
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
    /** Kept for readers of this class: the escaping itself lives in {@link Json}, shared with other JSON. */
    static void string(StringBuilder json, String value) {
        Json.append(json, value);
    }
}
