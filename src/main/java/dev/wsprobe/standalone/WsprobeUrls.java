package dev.wsprobe.standalone;

import java.net.URI;

/**
 * Where a running {@link WsprobeServer}'s endpoints are, derived from its {@code ws://} and {@code wss://} base:
 * the server and its JUnit extension ({@link WsprobeServerExtension}) both offer them.
 */
public interface WsprobeUrls {
    /** {@code ws://127.0.0.1:<port><path>}; {@code path} starts with {@code /}, e.g. {@code /echo?x=1}. */
    URI ws(String path);

    /**
     * {@code wss://127.0.0.1:<tls port><path>}.
     *
     * @throws IllegalStateException when the server was built without TLS
     */
    URI wss(String path);

    /** The echo over ws://: sends every message back as it came, text as text, binary as binary. */
    default URI echoUrl() {
        return ws("/echo");
    }

    /** The echo over wss:// (needs {@link WsprobeServerBuilder#tls()}). */
    default URI secureEchoUrl() {
        return wss("/echo");
    }

    /** The receiver over ws://: keeps and counts what it gets and never answers (unless asked to ack). */
    default URI receiverUrl() {
        return ws("/receive");
    }

    /** The receiver over wss:// (needs {@link WsprobeServerBuilder#tls()}). */
    default URI secureReceiverUrl() {
        return wss("/receive");
    }
}
