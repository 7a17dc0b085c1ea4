package dev.wsprobe.server;

import dev.wsprobe.diagnosis.CloseDescriptions;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import jakarta.websocket.Extension;
import java.io.IOException;
import java.util.List;

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
    /** The server this connection belongs to; null for a connection made without one (older callers). */
    private final ServerContext server;
    private BoundedSender.Shaping shaping = BoundedSender.Shaping.NONE;

    public ServerConnection(EndpointStats stats, ServerConfig config, System.Logger log) {
        this.stats = stats;
        this.config = config;
        this.log = log;
        this.server = null;
    }

    /** A connection of {@code server}'s endpoint {@code stats}: its subprotocol is counted there. */
    public ServerConnection(ServerContext server, EndpointStats stats, System.Logger log) {
        this.stats = stats;
        this.config = server.config();
        this.log = log;
        this.server = server;
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
        String subprotocol = session.getNegotiatedSubprotocol();
        List<Extension> extensions = session.getNegotiatedExtensions();
        if (server != null) {
            server.subprotocols().chosen(subprotocol);
        }
        info("negotiated subprotocol: " + (subprotocol == null || subprotocol.isEmpty() ? "none" : subprotocol)
                + ", extensions: " + (extensions == null || extensions.isEmpty() ? "none" : describe(extensions)));
        info("connection state did change, new: ready");
        if (config.announce()) {
            String announcement = Announcement.text();
            sendBack(announcement, Utf8.length(announcement));
        }
    }

    /** {@code permessage-deflate; client_max_window_bits=15}, as the response header said them. */
    private static String describe(List<Extension> extensions) {
        StringBuilder text = new StringBuilder();
        for (Extension extension : extensions) {
            if (text.length() > 0) {
                text.append(", ");
            }
            text.append(extension.getName());
            for (Extension.Parameter parameter : extension.getParameters()) {
                text.append("; ").append(parameter.getName());
                if (parameter.getValue() != null && !parameter.getValue().isEmpty()) {
                    text.append('=').append(parameter.getValue());
                }
            }
        }
        return text.toString();
    }

    /**
     * Echoes from now on go out as {@code faults} asks (delay, fragments), on {@code server}'s timers and
     * executor. Call before the first {@link #sendBack}.
     *
     * @throws IllegalStateException when the host offers no timer or executor for what is asked
     */
    public void shapeEchoes(EchoFaults faults) {
        if (faults.delay().isZero() && faults.fragment() == 0) {
            return;
        }
        if (server == null || server.timers() == null || server.blockingSends() == null) {
            throw new IllegalStateException("this host offers no timers for delay= or fragment=");
        }
        shaping = new BoundedSender.Shaping(faults.delay(), faults.fragment(), server.timers(),
                server.blockingSends());
    }

    /** Closes with {@code code} and {@code reason}, as a fault asked for. */
    public void closeWith(int code, String reason) {
        info("closing the connection as asked: " + code + (reason.isEmpty() ? "" : " " + reason));
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | IllegalStateException e) {
            failed(e);
        }
    }

    /** Drops the TCP connection without a close frame, as a fault asked for (the peer sees 1006). */
    public void drop() {
        info("dropping the connection without a close frame, as asked");
        if (!ConnectionAbort.abort(session)) {
            warn("this server's WebSocket implementation offers no way to drop a connection: closing with 1011");
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                        "drop-after is not supported on this server"));
            } catch (IOException | IllegalStateException e) {
                failed(e);
            }
        }
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
        sendBack(message, sizeBytes, null);
    }

    /** {@link #sendBack(Object, int)}, running {@code afterSent} (may be null) once the message went out. */
    public void sendBack(Object message, int sizeBytes, Runnable afterSent) {
        BoundedSender sender;
        synchronized (this) {
            if (outgoing == null) {
                outgoing = new BoundedSender(session, config.outgoingLimit(), shaping, stats);
            }
            sender = outgoing;
        }
        if (!sender.offer(message, sizeBytes, afterSent)) {
            String reason = "slow reader: more than " + config.outgoingLimit() + " bytes waiting to be sent";
            warn("closing the connection: " + reason);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, reason));
            } catch (IOException | IllegalStateException e) {
                failed(e);
            }
        }
    }

    /** Bytes waiting to go out to this peer now (0 before the first message back). */
    synchronized long queuedBytes() {
        return outgoing == null ? 0 : outgoing.queuedBytes();
    }

    /**
     * Sends a short text (an acknowledgement) straight to the WebSocket implementation, outside the bounded queue,
     * and counts it as sent once handed over.
     */
    public void sendDirect(String text) {
        session.getAsyncRemote().sendText(text);
        stats.sent(Utf8.length(text));
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
        String normalized = HostAddresses.normalized(address);
        return peer.startsWith(normalized + ":") || peer.startsWith("[" + normalized + "]:");
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
        stats.closed(session, reason.getCloseCode().getCode());
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
