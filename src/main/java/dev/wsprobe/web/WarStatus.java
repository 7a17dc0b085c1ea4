package dev.wsprobe.web;

import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.ServerStatus;
import java.time.Clock;

/** What {@code /status} reports for this deployment; kept as a servlet context attribute by {@link WarLifecycle}. */
final class WarStatus {
    static final String ATTRIBUTE = WarStatus.class.getName();

    private final ServerContext server;
    private final InContainerSender sender;

    /** @param sender null when the in-container sender is off */
    WarStatus(ServerContext server, InContainerSender sender) {
        this.server = server;
        this.sender = sender;
    }

    ServerStatus now() {
        return server.status(Clock.systemUTC(), sender == null ? null : sender.status());
    }
}
