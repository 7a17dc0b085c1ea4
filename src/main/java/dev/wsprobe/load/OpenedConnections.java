package dev.wsprobe.load;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Every connection a run has opened, for what is done to all of them at once: counting the open ones for a
 * scrape, closing them at the end. Added to while the run connects, read from other threads meanwhile.
 */
final class OpenedConnections {
    private final List<LoadConnection> connections = new CopyOnWriteArrayList<>();

    void add(LoadConnection connection) {
        connections.add(connection);
    }

    /** Walks them all: for a scrape, not per message. */
    int openNow() {
        int open = 0;
        for (LoadConnection connection : connections) {
            if (connection.isOpen()) {
                open++;
            }
        }
        return open;
    }

    /** Closes every connection normally, several at once, waiting at most a few seconds in all. */
    void closeAll(ExecutorService closing) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(connections.size());
        for (LoadConnection connection : connections) {
            closing.execute(() -> {
                try {
                    connection.close();
                } finally {
                    closed.countDown();
                }
            });
        }
        closed.await(10, TimeUnit.SECONDS);
    }
}
