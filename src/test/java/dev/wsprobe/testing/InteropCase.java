package dev.wsprobe.testing;

/** The interoperability cases, in the order docs/interop.md lists them. */
public enum InteropCase {
    EMPTY("0-byte text and binary messages"),
    BYTES_125("125-byte text and binary (largest 7-bit frame length)"),
    BYTES_126("126-byte text and binary (smallest 16-bit length)"),
    BYTES_65535("65535-byte text and binary (largest 16-bit length)"),
    BYTES_65536("65536-byte text and binary (64-bit length; wsprobe's default limit)"),
    FRAGMENTED("text and binary sent in 3 fragments, echoed whole"),
    UTF8_SPLIT("multi-byte UTF-8 characters split across fragments"),
    PING("ping with payload answered by pong with the same payload"),
    CLIENT_CLOSE("client closes with code 4000 and a reason; the server sees both"),
    SERVER_CLOSE("server closes with a code and reason; the client sees both"),
    SUBPROTOCOL("subprotocol: the client offers two, the server picks the first it supports, the client sees it "
            + "(Sec-WebSocket-Protocol) and gets its echo"),
    COMPRESSION("permessage-deflate: the client reports it agreed; its messages echoed whole; every message "
            + "compressed (RSV1) both ways, read on the wire over ws (TLS hides the frames over wss)"),
    PAGE_ECHO("test page: connect, send text, binary and a file, see each echo with its size"),
    PAGE_RECEIVE("test page to /receive: the server counts each message and its size"),
    ORIGIN_REFUSED("page from another origin: handshake refused with HTTP 403, logged"),
    SENDER("periodic sender: preparing, ready, 3 sends, normal close (1000) seen by the server");

    private final String description;

    InteropCase(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The case for a message size at a frame-length boundary. */
    public static InteropCase ofSize(int bytes) {
        return switch (bytes) {
            case 0 -> EMPTY;
            case 125 -> BYTES_125;
            case 126 -> BYTES_126;
            case 65535 -> BYTES_65535;
            case 65536 -> BYTES_65536;
            default -> throw new IllegalArgumentException("no interop case for " + bytes + " bytes");
        };
    }

    public static final int[] BOUNDARY_SIZES = {0, 125, 126, 65535, 65536};
}
