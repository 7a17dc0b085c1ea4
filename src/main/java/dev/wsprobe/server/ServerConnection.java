package dev.wsprobe.server;

import dev.wsprobe.diagnosis.CloseDescriptions;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;

/**
 * What a server endpoint does for every connection, whatever it does with the messages: register it, apply
 * the message size limit, count, and log each event in the seed's vocabulary, prefixed with the endpoint,
 * the connection's number and the peer ({@code [/receive #3 127.0.0.1:51234]}).
 */
public final class ServerConnection {
    private static final byte[] PING_PAYLOAD = "wsprobe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final EndpointStats stats;
    private final ServerConfig config;
    private final System.Logger log;
    private Session session;
    private String prefix = "";
    /** The peer's {@code address:port}, as {@link RemoteAddress} found it. */
    private String peer = "unknown";
    /** Last message from the peer, for the idle timeout. */
    private volatile long lastMessageNanos = System.nanoTime();
    /** Last message or pong from the peer, for dead-peer detection. */
    private volatile long lastHeardNanos = lastMessageNanos;
    /** When our unanswered ping went out; 0 when none is outstanding. */
    private volatile long pingSentNanos;
    private BoundedSender outgoing;

    public ServerConnection(EndpointStats stats, ServerConfig config, System.Logger log) {
        this.stats = stats;
        this.config = config;
        this.log = log;
    }

    public void opened(Session newSession) {
        session = newSession;
        // Off: the session keeper closes idle connections (with 1001; the container's own timeout would close
        // with 1006). And Tyrus' default of 0 still re-arms its idle timer at every message sent or received,
        // a task on its shared scheduler each time: with -1 it does nothing (measured: docs/benchmarks.md).
        session.setMaxIdleTimeout(-1);
        int limit = config.maxMessageBytes();
        session.setMaxTextMessageBufferSize(limit);
        session.setMaxBinaryMessageBufferSize(limit);
        peer = RemoteAddress.of(session);
        long number = stats.opened(this);
        prefix = "[" + stats.path() + " #" + number + " " + peer + "] ";
        info("listener did accept connection");
        info("connection state did change, new: ready");
    }

    /**
     * Counts, logs and journals a text message, or closes the session with 1009 when it is over the limit.
     *
     * @return true when the endpoint may process the message
     */
    public boolean received(String text) {
        int sizeBytes = Utf8.length(text);
        if (!admitted(false, sizeBytes)) {
            return false;
        }
        stats.receivedText(session, text, sizeBytes);
        return true;
    }

    /**
     * Counts, logs and journals a binary message (leaving its position alone), or closes the session with 1009
     * when it is over the limit.
     *
     * @return true when the endpoint may process the message
     */
    public boolean received(java.nio.ByteBuffer binary) {
        if (!admitted(true, binary.remaining())) {
            return false;
        }
        stats.receivedBinary(session, binary);
        return true;
    }

    private boolean admitted(boolean binary, int sizeBytes) {
        lastMessageNanos = System.nanoTime();
        lastHeardNanos = lastMessageNanos;
        if (stats.messageLog().ownLine(sizeBytes)) {
            info("connection did receive content, size: " + sizeBytes + (binary ? " (binary)" : " (text)"));
        }
        int limit = config.maxMessageBytes();
        if (sizeBytes > limit) {
            // The buffer-size setters above are hints some implementations (Tyrus) do not enforce for whole
            // messages, so the limit is checked here, the same way on every server.
            closeTooBig(sizeBytes, limit);
            return false;
        }
        return true;
    }

    private void closeTooBig(int sizeBytes, int limit) {
        String reason = "message too big: " + sizeBytes + " bytes, limit " + limit;
        log.log(System.Logger.Level.WARNING, prefix + "closing the connection: " + reason);
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.TOO_BIG, reason));
        } catch (IOException e) {
            failed(e);
        }
    }

    /**
     * Sends a text (String) or binary (ByteBuffer) message back without blocking; a peer that lets more than
     * {@link ServerConfig#outgoingLimit()} pile up unread is closed with 1008.
     */
    public void sendBack(Object message, int sizeBytes) {
        BoundedSender sender;
        synchronized (this) {
            if (outgoing == null) {
                outgoing = new BoundedSender(session, config.outgoingLimit());
            }
            sender = outgoing;
        }
        if (!sender.offer(message, sizeBytes)) {
            String reason = "slow reader: more than " + config.outgoingLimit() + " bytes waiting to be sent";
            warn("closing the connection: " + reason);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
            } catch (IOException | IllegalStateException e) {
                failed(e);
            }
        }
    }

    /** The peer answered a ping: it is alive. */
    public void ponged() {
        lastHeardNanos = System.nanoTime();
        pingSentNanos = 0;
    }

    Session session() {
        return session;
    }

    /** True when the peer's IP address is {@code address} (as a servlet request's remote address gives it). */
    boolean isFrom(String address) {
        return peer.startsWith(address + ":");
    }

    long heardFromNanosAgo(long now) {
        return now - lastHeardNanos;
    }

    long lastMessageNanosAgo(long now) {
        return now - lastMessageNanos;
    }

    /** How long our ping has gone unanswered, or -1 when none is outstanding. */
    long pingUnansweredNanos(long now) {
        long sent = pingSentNanos;
        return sent == 0 ? -1 : now - sent;
    }

    void ping(long now) {
        pingSentNanos = now;
        try {
            session.getAsyncRemote().sendPing(java.nio.ByteBuffer.wrap(PING_PAYLOAD));
        } catch (IOException | IllegalStateException e) {
            failed(e);
        }
    }

    /** Closes with 1001 (going away), saying why in the close reason and the log. */
    void closeGoingAway(String why) {
        warn("closing the connection: " + why);
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, why));
        } catch (IOException | IllegalStateException e) {
            failed(e);
        }
    }

    public void closed(CloseReason reason) {
        stats.closed(session);
        info("connection did close, " + CloseDescriptions.describe(reason));
        info("connection state did change, new: cancelled");
    }

    public void failed(Throwable error) {
        log.log(System.Logger.Level.WARNING, prefix + "connection did fail, error: " + error.getMessage());
        log.log(System.Logger.Level.DEBUG, prefix + "failure detail", error);
    }

    public void warn(String message) {
        log.log(System.Logger.Level.WARNING, prefix + message);
    }

    public void info(String message) {
        log.log(System.Logger.Level.INFO, prefix + message);
    }
}
