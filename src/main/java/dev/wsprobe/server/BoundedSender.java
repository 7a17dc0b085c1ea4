package dev.wsprobe.server;

import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Sends a session's outgoing messages one at a time, asynchronously, holding at most {@code maxQueuedBytes}
 * waiting. A peer that does not read cannot grow the server's memory nor hold a worker thread (as a blocking
 * send would): once the queue is full, {@link #offer} says no and the caller closes the connection. One send
 * in flight at a time also keeps implementations that refuse concurrent async sends (Tomcat) happy.
 */
final class BoundedSender {
    private final Session session;
    private final long maxQueuedBytes;
    /** A message waiting, with its size on the wire. */
    private record Outgoing(Object message, int sizeBytes) {
    }

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;

    BoundedSender(Session session, long maxQueuedBytes) {
        this.session = session;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /**
     * Queues a text (String) or binary (ByteBuffer, copied) message.
     *
     * @return false when it would exceed the bound: nothing was queued
     */
    synchronized boolean offer(Object message, int sizeBytes) {
        if (queuedBytes + sizeBytes > maxQueuedBytes && !queue.isEmpty()) {
            return false;
        }
        queuedBytes += sizeBytes;
        queue.add(new Outgoing(message instanceof ByteBuffer binary ? copy(binary) : message, sizeBytes));
        if (!sending) {
            sendHead();
        }
        return true;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private void sendHead() {
        Object head = queue.peek().message();
        sending = true;
        try {
            if (head instanceof ByteBuffer binary) {
                session.getAsyncRemote().sendBinary(binary.duplicate(), this::sent);
            } else {
                session.getAsyncRemote().sendText((String) head, this::sent);
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            synchronized (this) {
                queue.clear(); // the session is closed: nothing more will go out
                queuedBytes = 0;
                sending = false;
            }
        }
    }

    private synchronized void sent(SendResult result) {
        Outgoing done = queue.poll();
        queuedBytes -= done == null ? 0 : done.sizeBytes();
        if (!result.isOK() || queue.isEmpty()) {
            if (!result.isOK()) {
                queue.clear();
                queuedBytes = 0;
            }
            sending = false;
            return;
        }
        sendHead();
    }

    private static ByteBuffer copy(ByteBuffer original) {
        ByteBuffer copy = ByteBuffer.allocate(original.remaining());
        copy.put(original.duplicate()).flip();
        return copy;
    }
}
