package dev.wsprobe.standalone;

import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.StatusJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/** {@code GET /status} on the standalone server: the same JSON as the WAR's status servlet. */
public final class StatusHandler extends HttpHandler {
    static final String PATH = "/status";

    private final ServerContext server;

    StatusHandler(ServerContext server) {
        this.server = server;
    }

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!Method.GET.equals(request.getMethod()) && !Method.HEAD.equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpStatus.METHOD_NOT_ALLOWED_405.getStatusCode());
            return;
        }
        // the standalone server runs no sender of its own
        byte[] json = StatusJson.write(server.status(Clock.systemUTC(), null))
                .getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(json.length);
        if (Method.GET.equals(request.getMethod())) {
            response.getOutputStream().write(json);
        }
    }
}
