package dev.wsprobe.standalone;

import dev.wsprobe.server.RequestEcho;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * {@code GET /echo} without an upgrade on the standalone server: the request as received ({@link RequestEcho}).
 * Upgrade requests never get here: the WebSocket add-on takes them first.
 */
final class RequestEchoHandler extends HttpHandler {
    static final String PATH = "/echo";

    @Override
    public void service(Request request, Response response) throws Exception {
        if (!Method.GET.equals(request.getMethod()) && !Method.HEAD.equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            response.sendError(HttpStatus.METHOD_NOT_ALLOWED_405.getStatusCode());
            return;
        }
        java.util.Optional<String> broken = RequestEcho.brokenUpgrade(request::getHeader);
        if (broken.isPresent()) {
            byte[] reason = (broken.get() + "\n").getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpStatus.BAD_REQUEST_400);
            response.setContentType(RequestEcho.CONTENT_TYPE);
            response.setContentLength(reason.length);
            response.getOutputStream().write(reason);
            return;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        MimeHeaders received = request.getRequest().getHeaders();
        for (int i = 0; i < received.size(); i++) {
            headers.add(Map.entry(received.getName(i).toString(), received.getValue(i).toString()));
        }
        String query = request.getQueryString();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        byte[] body = RequestEcho.render(request.getMethod().getMethodString(), target, request.getProtocol()
                .getProtocolString(), headers).getBytes(StandardCharsets.UTF_8);
        response.setContentType(RequestEcho.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        if (Method.GET.equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }
}
