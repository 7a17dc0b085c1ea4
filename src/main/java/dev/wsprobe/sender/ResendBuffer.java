package dev.wsprobe.sender;

import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Messages sent and not yet acknowledged by the receiver, by number, to be sent again (in order) after a
 * reconnect. Bounded: beyond its capacity the oldest message is dropped, so a receiver that never acknowledges
 * cannot make the sender grow without limit. Thread-safe.
 */
final class ResendBuffer {
    /** A message kept for resending. */
    record Pending(long number, String text) {
    }

    private final int capacity;
    private final ConcurrentSkipListMap<Long, String> unacknowledged = new ConcurrentSkipListMap<>();

    ResendBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Keeps a message until it is acknowledged; drops the oldest ones over the capacity. */
    void add(long number, String text) {
        unacknowledged.put(number, text);
        while (unacknowledged.size() > capacity) {
            unacknowledged.pollFirstEntry();
        }
    }

    /** Forgets an acknowledged message; an unknown number (a duplicate acknowledgement) changes nothing. */
    void acknowledge(long number) {
        unacknowledged.remove(number);
    }

    /** What to send again, oldest first: a snapshot, so acknowledgements may arrive while it is resent. */
    List<Pending> pending() {
        return unacknowledged.entrySet().stream().map(entry -> new Pending(entry.getKey(), entry.getValue())).toList();
    }

    boolean isEmpty() {
        return unacknowledged.isEmpty();
    }

    int size() {
        return unacknowledged.size();
    }
}
