package dev.wsprobe.server;

/**
 * Limits shared by the server endpoints. Static because the container, not wsprobe, instantiates annotated
 * endpoints; each host sets them once at start-up from its own configuration.
 */
public final class ServerLimits {
    /** Default largest message (text as UTF-8 bytes, or binary) accepted: 64 KiB, like the public echo servers. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;

    /** Default bytes waiting to go out to one peer before it counts as a slow reader: 1 MiB. */
    public static final int DEFAULT_MAX_OUTGOING_BYTES = 1024 * 1024;

    private static volatile int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private static volatile int maxOutgoingBytes = DEFAULT_MAX_OUTGOING_BYTES;

    private ServerLimits() {
    }

    public static int maxMessageBytes() {
        return maxMessageBytes;
    }

    public static int maxOutgoingBytes() {
        return maxOutgoingBytes;
    }

    public static void setMaxOutgoingBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the outgoing buffer limit must be at least 1 byte, got " + bytes);
        }
        maxOutgoingBytes = bytes;
    }

    public static void setMaxMessageBytes(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("the message size limit must be at least 1 byte, got " + bytes);
        }
        maxMessageBytes = bytes;
    }
}
