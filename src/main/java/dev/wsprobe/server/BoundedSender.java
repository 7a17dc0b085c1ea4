package dev.wsprobe.server;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a session's outgoing messages one at a time, asynchronously, holding at most {@code maxQueuedBytes}
 * waiting. A peer that does not read cannot grow the server's memory nor hold a worker thread (as a blocking
 * send would): once the queue is full, {@link #offer} says no and the caller closes the connection. One send
 * in flight at a time also keeps implementations that refuse concurrent async sends (Tomcat) happy.
 *
 * <p>Faults on demand ({@link EchoFaults}) shape the sending: a delay holds each message in the queue until it
 * is due (on a timer, no thread waits, and the waiting bytes count against the bound), and fragments go out
 * through the standard API's partial sends, which block: they run on the host's executor for blocking sends,
 * never on the thread that read the message.
 */
final class BoundedSender {
    /** What a sender does with its messages beyond sending them. */
    record Shaping(Duration delay, int fragmentBytes, ScheduledExecutorService timers, Executor blockingSends) {
        static final Shaping NONE = new Shaping(Duration.ZERO, 0, null, null);
    }

    private final Session session;
    private final long maxQueuedBytes;
    private final Shaping shaping;
    /** Where a message that went out is counted; null to count nowhere. */
    private final EndpointStats counted;
    /** A message waiting, with its size on the wire, when it is due and what to do once it went out. */
    private record Outgoing(Object message, int sizeBytes, long dueNanos, Runnable afterSent) {
    }

    private final ArrayDeque<Outgoing> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean sending;

    BoundedSender(Session session, long maxQueuedBytes) {
        this(session, maxQueuedBytes, Shaping.NONE);
    }

    BoundedSender(Session session, long maxQueuedBytes, Shaping shaping) {
        this(session, maxQueuedBytes, shaping, null);
    }

    /** A sender that counts each message that went out in {@code counted}'s messages and bytes sent. */
    BoundedSender(Session session, long maxQueuedBytes, Shaping shaping, EndpointStats counted) {
        this.session = session;
        this.maxQueuedBytes = maxQueuedBytes;
        this.shaping = shaping;
        this.counted = counted;
    }

    /**
     * Queues a text (String) or binary (ByteBuffer, copied) message.
     *
     * @return false when it would exceed the bound: nothing was queued
     */
    synchronized boolean offer(Object message, int sizeBytes) {
        return offer(message, sizeBytes, null);
    }

    /**
     * Queues a message; {@code afterSent} (may be null) runs once it went out, on the thread that learnt so.
     *
     * @return false when it would exceed the bound: nothing was queued
     */
    synchronized boolean offer(Object message, int sizeBytes, Runnable afterSent) {
        if (queuedBytes + sizeBytes > maxQueuedBytes && !queue.isEmpty()) {
            return false;
        }
        queuedBytes += sizeBytes;
        long due = shaping.delay().isZero() ? 0 : System.nanoTime() + shaping.delay().toNanos();
        queue.add(new Outgoing(message instanceof ByteBuffer binary ? copy(binary) : message, sizeBytes, due,
                afterSent));
        if (!sending) {
            sendHead();
        }
        return true;
    }

    synchronized long queuedBytes() {
        return queuedBytes;
    }

    private synchronized void sendHead() {
        Outgoing head = queue.peek();
        if (head == null) {
            sending = false;
            return;
        }
        sending = true;
        long wait = head.dueNanos() == 0 ? 0 : head.dueNanos() - System.nanoTime();
        try {
            if (wait > 0) {
                shaping.timers().schedule(this::sendHead, wait, TimeUnit.NANOSECONDS);
            } else if (shaping.fragmentBytes() > 0) {
                shaping.blockingSends().execute(() -> sent(sendInFragments(head.message())));
            } else if (head.message() instanceof ByteBuffer binary) {
                session.getAsyncRemote().sendBinary(binary.duplicate(), this::sent);
            } else {
                session.getAsyncRemote().sendText((String) head.message(), this::sent);
            }
        } catch (IllegalStateException | IllegalArgumentException | RejectedExecutionException e) {
            queue.clear(); // the session is closed (or the host is stopping): nothing more will go out
            queuedBytes = 0;
            sending = false;
        }
    }

    private SendResult sendInFragments(Object message) {
        int size = shaping.fragmentBytes();
        try {
            RemoteEndpoint.Basic remote = session.getBasicRemote();
            if (message instanceof ByteBuffer binary) {
                ByteBuffer all = binary.duplicate();
                do {
                    ByteBuffer part = all.slice();
                    part.limit(Math.min(size, all.remaining()));
                    all.position(all.position() + part.remaining());
                    remote.sendBinary(part, !all.hasRemaining());
                } while (all.hasRemaining());
            } else {
                java.util.List<String> parts = Utf8.split((String) message, size);
                for (int i = 0; i < parts.size(); i++) {
                    remote.sendText(parts.get(i), i == parts.size() - 1);
                }
            }
            return new SendResult();
        } catch (IOException | RuntimeException e) {
            return new SendResult(e);
        }
    }

    private void sent(SendResult result) {
        Runnable afterSent;
        synchronized (this) {
            Outgoing done = queue.poll();
            queuedBytes -= done == null ? 0 : done.sizeBytes();
            afterSent = done == null || !result.isOK() ? null : done.afterSent();
            if (done != null && result.isOK() && counted != null) {
                counted.sent(done.sizeBytes());
            }
            if (!result.isOK()) {
                queue.clear();
                queuedBytes = 0;
                sending = false;
            }
        }
        if (afterSent != null) {
            afterSent.run();
        }
        if (result.isOK()) {
            sendHead();
        }
    }

    private static ByteBuffer copy(ByteBuffer original) {
        ByteBuffer copy = ByteBuffer.allocate(original.remaining());
        copy.put(original.duplicate()).flip();
        return copy;
    }
}
