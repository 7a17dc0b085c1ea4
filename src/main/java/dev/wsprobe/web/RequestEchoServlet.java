package dev.wsprobe.web;

import dev.wsprobe.server.RequestEcho;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * {@code GET <context>/echo} without an upgrade: the request as the server received it ({@link RequestEcho}).
 * The servers' WebSocket implementations take upgrade requests before any servlet (Tyrus and Undertow in a
 * filter mapped after the application's), so this servlet at the endpoint's path does not get in their way;
 * the endpoint suite proves it on every host. The servlet API gives the headers grouped by name, not in the
 * order received.
 */
@WebServlet(urlPatterns = "/echo")
public class RequestEchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(Map.entry(name, value));
            }
        }
        String query = request.getQueryString();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        RequestEcho.Answer answer = RequestEcho.answer(request.getMethod(), target, request.getProtocol(), headers);
        response.setStatus(answer.status());
        response.setContentType(RequestEcho.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
