package dev.wsprobe.server;

import java.util.Objects;

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

    /** A configuration that accepts any subprotocol and announces nothing. */
    public ServerConfig(int maxMessageBytes, int maxOutgoingBytes, MessageLogging messageLogging,
            AllowedOrigins allowedOrigins, SessionKeeper keeper, ConnectionLimits limits, SequenceLimits sequences) {
        this(maxMessageBytes, maxOutgoingBytes, messageLogging, allowedOrigins, keeper, limits, sequences,
                Subprotocols.ANY, false);
    }

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

    public ServerConfig withMaxMessageBytes(int bytes) {
        return new ServerConfig(bytes, maxOutgoingBytes, messageLogging, allowedOrigins, keeper, limits,
                sequences, subprotocols, announce);
    }

    public ServerConfig withMaxOutgoingBytes(int bytes) {
        return new ServerConfig(maxMessageBytes, bytes, messageLogging, allowedOrigins, keeper, limits,
                sequences, subprotocols, announce);
    }

    public ServerConfig withMessageLogging(MessageLogging mode) {
        return new ServerConfig(maxMessageBytes, maxOutgoingBytes, mode, allowedOrigins, keeper, limits,
                sequences, subprotocols, announce);
    }

    public ServerConfig withAllowedOrigins(AllowedOrigins origins) {
        return new ServerConfig(maxMessageBytes, maxOutgoingBytes, messageLogging, origins, keeper, limits,
                sequences, subprotocols, announce);
    }

    public ServerConfig withKeeper(SessionKeeper newKeeper) {
        return new ServerConfig(maxMessageBytes, maxOutgoingBytes, messageLogging, allowedOrigins, newKeeper, limits,
                sequences, subprotocols, announce);
    }

    public ServerConfig withSequences(SequenceLimits newSequences) {
        return new ServerConfig(maxMessageBytes, maxOutgoingBytes, messageLogging, allowedOrigins, keeper, limits,
                newSequences, subprotocols, announce);
    }

    public ServerConfig withLimits(ConnectionLimits newLimits) {
        return new ServerConfig(maxMessageBytes, maxOutgoingBytes, messageLogging, allowedOrigins, keeper, newLimits,
                sequences, subprotocols, announce);
    }

    public ServerConfig withSubprotocols(Subprotocols newSubprotocols) {
        return new ServerConfig(maxMessageBytes, maxOutgoingBytes, messageLogging, allowedOrigins, keeper, limits,
                sequences, newSubprotocols, announce);
    }

    public ServerConfig withAnnounce(boolean newAnnounce) {
        return new ServerConfig(maxMessageBytes, maxOutgoingBytes, messageLogging, allowedOrigins, keeper, limits,
                sequences, subprotocols, newAnnounce);
    }
}
