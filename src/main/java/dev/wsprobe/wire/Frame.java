package dev.wsprobe.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame as it travels (RFC 6455 section 5.2), unmasked.
 *
 * @param fin     whether it is the last frame of its message
 * @param opcode  {@link #TEXT}, {@link #CLOSE}...
 * @param payload the application data, unmasked
 */
public record Frame(boolean fin, int opcode, byte[] payload) {
    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    /** A final frame. */
    public static Frame of(int opcode, byte[] payload) {
        return new Frame(true, opcode, payload);
    }

    /** A close frame's payload: the status code (2 bytes, big-endian), then the reason in UTF-8. */
    public static byte[] closePayload(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array();
    }

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** For a close frame: the status code, or -1 when the frame has none. */
    public int closeCode() {
        return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
    }

    /** For a close frame: the reason, "" when it has none. */
    public String closeReason() {
        return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    }
}
