package dev.wsprobe.standalone;

import dev.wsprobe.server.RequestEcho;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.util.MimeHeaders;

/**
 * {@code GET /echo} without an upgrade on the standalone server: the request as received ({@link RequestEcho}).
 * Upgrade requests never get here: the WebSocket add-on takes them first.
 */
final class RequestEchoHandler extends ReadOnlyHandler {
    static final String PATH = "/echo";

    @Override
    Answer answer(Request request) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        MimeHeaders received = request.getRequest().getHeaders();
        for (int i = 0; i < received.size(); i++) {
            headers.add(Map.entry(received.getName(i).toString(), received.getValue(i).toString()));
        }
        String query = request.getQueryString();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        RequestEcho.Answer echo = RequestEcho.answer(request.getMethod().getMethodString(), target,
                request.getProtocol().getProtocolString(), headers);
        return new Answer(echo.status(), RequestEcho.CONTENT_TYPE, "no-store", echo.body());
    }
}
