package dev.wsprobe.standalone;

import dev.wsprobe.server.GroupedCounts;
import dev.wsprobe.server.HandshakePolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * Serves the browser test page at {@code /} (and {@code /index.html}). The page is the WAR's
 * {@code src/main/webapp/index.html}, which the build also copies onto the classpath: one copy in the
 * repository, served by both hosts.
 */
public final class TestPageHandler extends ReadOnlyHandler {
    static final String RESOURCE = "page/index.html";
    private static final System.Logger LOG = System.getLogger(TestPageHandler.class.getName());
    /** Wrong paths, one line at most every 10 s: an operator sees what clients get wrong, a scanner floods nothing. */
    private final dev.wsprobe.server.RateLimitedLog notFound = new dev.wsprobe.server.RateLimitedLog(LOG,
            System.Logger.Level.WARNING, java.time.Duration.ofSeconds(10));
    private final byte[] page;
    /** The server's refused upgrades by status: an upgrade to a path without an endpoint ends here, with 404. */
    private final GroupedCounts refusals;

    TestPageHandler(GroupedCounts refusals) {
        this.refusals = refusals;
        try (InputStream in = TestPageHandler.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the test page " + RESOURCE + " is missing from the classpath");
            }
            page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    boolean found(Request request, Response response) throws IOException {
        String path = request.getRequestURI();
        if (path.equals("/") || path.equals("/index.html")) {
            return true;
        }
        boolean upgrade = HandshakePolicy.isUpgrade(request::getHeader);
        if (upgrade) {
            refusals.record(HttpStatus.NOT_FOUND_404.getStatusCode());
        }
        notFound.log(() -> "HTTP 404 for " + request.getMethod().getMethodString() + " " + path + " from "
                + dev.wsprobe.server.HostAddresses.normalized(request.getRemoteAddr())
                + (upgrade ? " (a WebSocket upgrade)" : "")
                + ": nothing there (the test page is at /, the WebSocket endpoints at /receive and /echo, the "
                + "counters at /status)");
        response.sendError(HttpStatus.NOT_FOUND_404.getStatusCode());
        return false;
    }

    @Override
    Answer answer(Request request) {
        return new Answer(200, "text/html; charset=utf-8", "no-cache", page);
    }
}
