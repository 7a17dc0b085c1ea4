package dev.wsprobe.server;

import java.time.Duration;

/**
 * What the standalone server admits, enforced before any WebSocket code runs (by the host, before any WebSocket code runs).
 *
 * @param maxConnections        open WebSocket connections before a new upgrade gets HTTP 503; 0 = no limit
 *                              (default 10,000)
 * @param maxConnectionsPerPeer open WebSocket connections from one IP address before HTTP 429; 0 = no limit
 *                              (the default, so a load test from one machine is not refused)
 * @param handshakeTimeout      a connection must send a complete request within this, or it is closed
 *                              (slowloris); zero = wait forever (default 10 s)
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerPeer, Duration handshakeTimeout) {
    public static final ConnectionLimits DEFAULT = new ConnectionLimits(10_000, 0, Duration.ofSeconds(10));

    public ConnectionLimits {
        if (maxConnections < 0 || maxConnectionsPerPeer < 0 || handshakeTimeout.isNegative()) {
            throw new IllegalArgumentException("connection limits cannot be negative");
        }
    }
}
