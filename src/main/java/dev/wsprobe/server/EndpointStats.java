package dev.wsprobe.server;

import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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
    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder bytesSent = new LongAdder();
    private final GroupedCounts closes = GroupedCounts.closeCodes();
    private final Object openSessionsChanged = new Object();
    private final MessageLog messageLog;
    private final MessageJournal journal;

    /** The counters at one moment. */
    public record Snapshot(String path, int openConnections, long connectionsAccepted, long messagesReceived,
            long bytesReceived) {
    }

    EndpointStats(String path, MessageLogging logging) {
        this(path, logging, MessageJournal.Limits.DEFAULT);
    }

    EndpointStats(String path, MessageLogging logging, MessageJournal.Limits journalLimits) {
        this.path = path;
        this.messageLog = new MessageLog(this, logging, System.getLogger(MessageLog.class.getName()), System::nanoTime);
        this.journal = new MessageJournal(path, journalLimits);
    }

    /** The messages this endpoint received, with their content, while someone reads them (bounded). */
    public MessageJournal journal() {
        return journal;
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

    void closed(Session session, int closeCode) {
        closes.record(closeCode);
        openSessions.remove(session.getId());
        synchronized (openSessionsChanged) {
            openSessionsChanged.notifyAll();
        }
    }

    void receivedText(Session session, String text, int sizeBytes) {
        messagesReceived.increment();
        bytesReceived.add(sizeBytes);
        journal.recordText(session.getId(), text, sizeBytes);
    }

    void receivedBinary(Session session, ByteBuffer content) {
        messagesReceived.increment();
        bytesReceived.add(content.remaining());
        journal.recordBinary(session.getId(), content);
    }

    /** A message of {@code sizeBytes} went out to a client (an echo, an acknowledgement, an announcement). */
    void sent(int sizeBytes) {
        messagesSent.increment();
        bytesSent.add(sizeBytes);
    }

    public long messagesSent() {
        return messagesSent.sum();
    }

    public long bytesSent() {
        return bytesSent.sum();
    }

    /** This endpoint's connections closed so far, by close code (grouped: {@link GroupedCounts#closeCodes()}). */
    public GroupedCounts closes() {
        return closes;
    }

    /**
     * Bytes waiting in the open connections' outgoing queues now; walks every open connection (taking each
     * queue's lock for a moment), so for a scrape, not per message.
     */
    public long queuedBytes() {
        long queued = 0;
        for (ServerConnection connection : openSessions.values()) {
            queued += connection.queuedBytes();
        }
        return queued;
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
