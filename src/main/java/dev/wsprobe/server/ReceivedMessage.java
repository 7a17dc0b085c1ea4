package dev.wsprobe.server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One message a server endpoint received and kept in its {@link MessageJournal}: its content, whether it was
 * text or binary, which connection sent it and when it arrived. Immutable.
 */
public final class ReceivedMessage {
    private final String path;
    private final String sessionId;
    private final long number;
    private final Instant receivedAt;
    private final String text;
    private final byte[] binary;
    private final int sizeBytes;

    private ReceivedMessage(String path, String sessionId, long number, Instant receivedAt, String text,
            byte[] binary, int sizeBytes) {
        this.path = path;
        this.sessionId = sessionId;
        this.number = number;
        this.receivedAt = receivedAt;
        this.text = text;
        this.binary = binary;
        this.sizeBytes = sizeBytes;
    }

    static ReceivedMessage text(String path, String sessionId, long number, String text, int sizeBytes) {
        return new ReceivedMessage(path, sessionId, number, Instant.now(), Objects.requireNonNull(text), null,
                sizeBytes);
    }

    static ReceivedMessage binary(String path, String sessionId, long number, byte[] content) {
        return new ReceivedMessage(path, sessionId, number, Instant.now(), null, content, content.length);
    }

    /** The endpoint that received it, e.g. {@code /echo}. */
    public String path() {
        return path;
    }

    /** The id of the WebSocket session (connection) it came on, as the server's container numbers them. */
    public String sessionId() {
        return sessionId;
    }

    /** Its number among all messages this endpoint received since its server started: 1, 2, ... */
    public long number() {
        return number;
    }

    /** When the endpoint got it (after the whole message had arrived). */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** True for a binary message, false for a text one. */
    public boolean isBinary() {
        return binary != null;
    }

    /** Its size on the wire in bytes: a text message's UTF-8 length, a binary message's length. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** A text message's content; a binary message's bytes decoded as UTF-8 (invalid sequences replaced). */
    public String text() {
        return binary == null ? text : new String(binary, StandardCharsets.UTF_8);
    }

    /** A binary message's content, or a text message's UTF-8 bytes; a new copy at each call. */
    public byte[] bytes() {
        return binary == null ? text.getBytes(StandardCharsets.UTF_8) : binary.clone();
    }

    /** Kept bytes of this message, for the journal's bound. */
    long keptBytes() {
        return sizeBytes;
    }

    @Override
    public String toString() {
        String content = binary == null ? '"' + abbreviate(text) + '"' : Arrays.toString(
                Arrays.copyOf(binary, Math.min(binary.length, 16))) + (binary.length > 16 ? "..." : "");
        return path + " #" + number + " (" + (binary == null ? "text" : "binary") + ", " + sizeBytes
                + " bytes, session " + sessionId + "): " + content;
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 80) + "...";
    }
}
