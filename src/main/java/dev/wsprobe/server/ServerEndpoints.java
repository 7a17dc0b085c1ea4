package dev.wsprobe.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The statistics of each server endpoint, and what a host does to all of them at shutdown. Static because
 * the container instantiates the annotated endpoints (one object per connection) and they must share one
 * registry per application.
 */
public final class ServerEndpoints {
    public static final EndpointStats RECEIVER = new EndpointStats("/receive");
    public static final EndpointStats ECHO = new EndpointStats("/echo");
    /** Every sender's message numbers as the receiver saw them, within {@link SequenceLimits#DEFAULTS}. */
    public static final SequenceTracker SEQUENCES = new SequenceTracker(SequenceLimits.DEFAULTS);

    private static final System.Logger LOG = System.getLogger(ServerEndpoints.class.getName());

    private ServerEndpoints() {
    }

    public static List<EndpointStats> all() {
        return List.of(RECEIVER, ECHO);
    }

    /**
     * Closes every open session with 1001 (going away), then waits up to {@code patience} for the close
     * handshakes, so clients learn the server left on purpose instead of seeing a dropped connection (1006).
     *
     * @return how many sessions were still open when patience ran out
     */
    public static int closeAllGoingAway(Duration patience) throws InterruptedException {
        CloseReason goingAway = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
        for (EndpointStats endpoint : all()) {
            for (Session session : endpoint.openSessions()) {
                try {
                    session.close(goingAway);
                } catch (IOException | IllegalStateException e) {
                    // already closing from the other side: nothing left to tell this peer
                    LOG.log(System.Logger.Level.DEBUG, "close of session {0} failed: {1}", session.getId(), e);
                }
            }
        }
        long deadline = System.nanoTime() + patience.toNanos();
        int stillOpen = 0;
        for (EndpointStats endpoint : all()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!endpoint.awaitNoOpenSessions(left)) {
                stillOpen += endpoint.snapshot().openConnections();
            }
        }
        return stillOpen;
    }
}
