package dev.wsprobe.web;

import dev.wsprobe.server.ServerStatus;
import java.time.Clock;
import java.time.Instant;

/** What {@code /status} reports for this deployment; kept as a servlet context attribute by {@link WarLifecycle}. */
final class WarStatus {
    static final String ATTRIBUTE = WarStatus.class.getName();

    private final Instant startedAt;
    private final InContainerSender sender;

    /** @param sender null when the in-container sender is off */
    WarStatus(Instant startedAt, InContainerSender sender) {
        this.startedAt = startedAt;
        this.sender = sender;
    }

    ServerStatus now() {
        return ServerStatus.now(startedAt, Clock.systemUTC(), sender == null ? null : sender.status());
    }
}
