package dev.wsprobe.server;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything one wsprobe server enforces, whatever hosts it: immutable, made once by the host from its own
 * settings (the command line, the WAR's settings, or a test's code) and handed to that server's
 * {@link ServerContext}. Two servers in one JVM can have different configurations.
 *
 * @param maxMessageBytes  largest message accepted (text as UTF-8 bytes, or binary); larger ones close the
 *                         connection with 1009 (default {@value #DEFAULT_MAX_MESSAGE_BYTES}, like the public echo
 *                         servers)
 * @param maxOutgoingBytes bytes waiting to go out to one peer before it counts as a slow reader and is closed
 *                         with 1008 (default {@value #DEFAULT_MAX_OUTGOING_BYTES})
 * @param messageLogging   which received messages get a line of their own (default {@link MessageLogging#AUTO})
 * @param allowedOrigins   which web pages may open connections (default: the server's own page and clients
 *                         that send no Origin)
 * @param keeper           idle timeout and dead-peer pings for open sessions (default {@link SessionKeeper#DEFAULT})
 * @param limits           connections admitted and the handshake timeout (default {@link ConnectionLimits#DEFAULT})
 * @param sequences        what the receiver remembers of senders' message numbers, and for how long (default
 *                         {@link SequenceLimits#DEFAULTS})
 * @param subprotocols     the subprotocols the endpoints may choose (empty, the default: whatever the client offers
 *                         first); an upgrade that offers none of them is refused with 400
 * @param announce         whether each connection's first message is {@code served by <host> (wsprobe <version>)}
 *                         (default off: unsolicited messages break some clients)
 */
public record ServerConfig(int maxMessageBytes, int maxOutgoingBytes, MessageLogging messageLogging,
        AllowedOrigins allowedOrigins, SessionKeeper keeper, ConnectionLimits limits, SequenceLimits sequences,
        Subprotocols subprotocols, boolean announce) {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_OUTGOING_BYTES = 1024 * 1024;

    public static final ServerConfig DEFAULT = new ServerConfig(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_OUTGOING_BYTES,
            MessageLogging.AUTO, AllowedOrigins.SAME_ORIGIN_ONLY, SessionKeeper.DEFAULT, ConnectionLimits.DEFAULT,
            SequenceLimits.DEFAULTS, Subprotocols.ANY, false);

    public ServerConfig {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("the message size limit must be at least 1 byte, got " + maxMessageBytes);
        }
        if (maxOutgoingBytes < 1) {
            throw new IllegalArgumentException("the outgoing buffer limit must be at least 1 byte, got "
                    + maxOutgoingBytes);
        }
        Objects.requireNonNull(messageLogging, "messageLogging");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(keeper, "keeper");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(subprotocols, "subprotocols");
    }

    /**
     * Bytes that may wait to go out to one peer: {@link #maxOutgoingBytes}, but at least one message of the
     * largest size, so the echo of any accepted message fits.
     */
    public int outgoingLimit() {
        return Math.max(maxOutgoingBytes, maxMessageBytes);
    }

    // One line each, through one editor: a new setting is added to the record, DEFAULT and the Editor only.
    public ServerConfig withMaxMessageBytes(int bytes) { return edit(c -> c.maxMessageBytes = bytes); }

    public ServerConfig withMaxOutgoingBytes(int bytes) { return edit(c -> c.maxOutgoingBytes = bytes); }

    public ServerConfig withMessageLogging(MessageLogging mode) { return edit(c -> c.messageLogging = mode); }

    public ServerConfig withAllowedOrigins(AllowedOrigins origins) { return edit(c -> c.allowedOrigins = origins); }

    public ServerConfig withKeeper(SessionKeeper keeping) { return edit(c -> c.keeper = keeping); }

    public ServerConfig withSequences(SequenceLimits remembered) { return edit(c -> c.sequences = remembered); }

    public ServerConfig withLimits(ConnectionLimits admitted) { return edit(c -> c.limits = admitted); }

    public ServerConfig withSubprotocols(Subprotocols chosen) { return edit(c -> c.subprotocols = chosen); }

    public ServerConfig withAnnounce(boolean announcing) { return edit(c -> c.announce = announcing); }

    /** A copy with {@code change} applied; the record's own checks run on the result. */
    private ServerConfig edit(Consumer<Editor> change) {
        Editor editor = new Editor(this);
        change.accept(editor);
        return editor.build();
    }

    /** The settings of a configuration being copied with a change. */
    private static final class Editor {
        int maxMessageBytes;
        int maxOutgoingBytes;
        MessageLogging messageLogging;
        AllowedOrigins allowedOrigins;
        SessionKeeper keeper;
        ConnectionLimits limits;
        SequenceLimits sequences;
        Subprotocols subprotocols;
        boolean announce;

        Editor(ServerConfig from) {
            maxMessageBytes = from.maxMessageBytes;
            maxOutgoingBytes = from.maxOutgoingBytes;
            messageLogging = from.messageLogging;
            allowedOrigins = from.allowedOrigins;
            keeper = from.keeper;
            limits = from.limits;
            sequences = from.sequences;
            subprotocols = from.subprotocols;
            announce = from.announce;
        }

        ServerConfig build() {
            return new ServerConfig(maxMessageBytes, maxOutgoingBytes, messageLogging, allowedOrigins, keeper, limits,
                    sequences, subprotocols, announce);
        }
    }
}
