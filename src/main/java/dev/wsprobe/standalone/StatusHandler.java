package dev.wsprobe.standalone;

import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.StatusJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.glassfish.grizzly.http.server.Request;

/** {@code GET /status} on the standalone server: the same JSON as the WAR's status servlet. */
public final class StatusHandler extends ReadOnlyHandler {
    static final String PATH = "/status";

    private final ServerContext server;

    StatusHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    Answer answer(Request request) {
        // the standalone server runs no sender of its own
        byte[] json = StatusJson.write(server.status(Clock.systemUTC(), null)).getBytes(StandardCharsets.UTF_8);
        return new Answer(200, "application/json;charset=UTF-8", "no-store", json); // counters: always ask again
    }
}
