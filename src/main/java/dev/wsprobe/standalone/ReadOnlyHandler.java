package dev.wsprobe.standalone;

import java.io.IOException;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;

/**
 * A resource of the standalone server that is only read: {@code GET} and {@code HEAD} get {@link #answer}
 * (its body for {@code GET} only), any other method 405 with {@code Allow}. The test page, {@code /status} and
 * the request echo are such resources.
 */
abstract class ReadOnlyHandler extends HttpHandler {
    /** What to send: status, type, caching, and the body. */
    record Answer(int status, String contentType, String cacheControl, byte[] body) {
    }

    /** The answer to a {@code GET} or {@code HEAD} of this resource. */
    abstract Answer answer(Request request) throws IOException;

    /** False when nothing is at the request's path (the handler has answered it, e.g. 404); any method. */
    boolean found(Request request, Response response) throws IOException {
        return true;
    }

    @Override
    public final void service(Request request, Response response) throws Exception {
        if (!found(request, response)) {
            return;
        }
        Method method = request.getMethod();
        if (method != Method.GET && method != Method.HEAD) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpStatus.METHOD_NOT_ALLOWED_405.getStatusCode());
            return;
        }
        Answer answer = answer(request);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType());
        response.setHeader("Cache-Control", answer.cacheControl());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(answer.body().length);
        if (method == Method.GET) {
            response.getOutputStream().write(answer.body());
        }
    }
}
