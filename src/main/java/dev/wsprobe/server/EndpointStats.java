package dev.wsprobe.server;

import jakarta.websocket.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The open sessions of one server endpoint and its counters. One instance per endpoint path for the life of
 * its server (see {@link ServerContext}); counters only grow, so readers compare snapshots.
 */
public final class EndpointStats {
    private final String path;
    private final ConcurrentHashMap<String, ServerConnection> openSessions = new ConcurrentHashMap<>();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final LongAdder messagesReceived = new LongAdder();
    private final LongAdder bytesReceived = new LongAdder();
    private final List<MessageObserver> observers = new CopyOnWriteArrayList<>();
    private final Object openSessionsChanged = new Object();
    private final MessageLog messageLog;

    /** Told of every message an endpoint receives; for tests and status pages, must be quick. */
    @FunctionalInterface
    public interface MessageObserver {
        void received(String sessionId, boolean binary, int sizeBytes);
    }

    /** The counters at one moment. */
    public record Snapshot(String path, int openConnections, long connectionsAccepted, long messagesReceived,
            long bytesReceived) {
    }

    EndpointStats(String path, MessageLogging logging) {
        this.path = path;
        this.messageLog = new MessageLog(this, logging, System.getLogger(MessageLog.class.getName()), System::nanoTime);
    }

    /** Decides which received messages get a line of their own (see {@link MessageLogging}). */
    public MessageLog messageLog() {
        return messageLog;
    }

    public String path() {
        return path;
    }

    /** Registers the session; returns its number among the connections this endpoint accepted (1, 2, ...). */
    long opened(ServerConnection connection) {
        openSessions.put(connection.session().getId(), connection);
        return connectionsAccepted.incrementAndGet();
    }

    void closed(Session session) {
        openSessions.remove(session.getId());
        synchronized (openSessionsChanged) {
            openSessionsChanged.notifyAll();
        }
    }

    void received(Session session, boolean binary, int sizeBytes) {
        messagesReceived.increment();
        bytesReceived.add(sizeBytes);
        for (MessageObserver observer : observers) {
            observer.received(session.getId(), binary, sizeBytes);
        }
    }

    public List<Session> openSessions() {
        return openSessions.values().stream().map(ServerConnection::session).toList();
    }

    List<ServerConnection> openConnections() {
        return new ArrayList<>(openSessions.values());
    }

    /** Open sessions from the IP address {@code address}; walks them all, so for occasional use. */
    public int openFrom(String address) {
        int count = 0;
        for (ServerConnection connection : openSessions.values()) {
            if (connection.isFrom(address)) {
                count++;
            }
        }
        return count;
    }

    public Snapshot snapshot() {
        return new Snapshot(path, openSessions.size(), connectionsAccepted.get(), messagesReceived.sum(),
                bytesReceived.sum());
    }

    public void addObserver(MessageObserver observer) {
        observers.add(observer);
    }

    public void removeObserver(MessageObserver observer) {
        observers.remove(observer);
    }

    /** Waits until no session is open (after a close-all) or the timeout passes; true when none is open. */
    public boolean awaitNoOpenSessions(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (openSessionsChanged) {
            while (!openSessions.isEmpty()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(openSessionsChanged, remaining);
            }
        }
        return true;
    }
}
