package dev.wsprobe.server;

import dev.wsprobe.diagnosis.CloseDescriptions;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

/**
 * What a server endpoint does for every connection, whatever it does with the messages: register it, apply
 * the message size limit, count, and log each event in the seed's vocabulary, prefixed with the endpoint,
 * the connection's number and the peer ({@code [/receive #3 127.0.0.1:51234]}).
 */
public final class ServerConnection {
    private final EndpointStats stats;
    private final System.Logger log;
    private Session session;
    private String prefix = "";

    public ServerConnection(EndpointStats stats, System.Logger log) {
        this.stats = stats;
        this.log = log;
    }

    public void opened(Session newSession) {
        session = newSession;
        int limit = ServerLimits.maxMessageBytes();
        session.setMaxTextMessageBufferSize(limit);
        session.setMaxBinaryMessageBufferSize(limit);
        long number = stats.opened(session);
        prefix = "[" + stats.path() + " #" + number + " " + RemoteAddress.of(session) + "] ";
        info("listener did accept connection");
        info("connection state did change, new: ready");
    }

    public void received(boolean binary, int sizeBytes) {
        stats.received(session, binary, sizeBytes);
        info("connection did receive content, size: " + sizeBytes + (binary ? " (binary)" : " (text)"));
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

    public void info(String message) {
        log.log(System.Logger.Level.INFO, prefix + message);
    }
}
