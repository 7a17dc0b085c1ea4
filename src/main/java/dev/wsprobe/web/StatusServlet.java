package dev.wsprobe.web;

import dev.wsprobe.server.StatusJson;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET <context>/status}: the JSON of {@link StatusJson}, the same document the standalone server serves. */
@WebServlet(urlPatterns = "/status")
public class StatusServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        WarStatus status = (WarStatus) getServletContext().getAttribute(WarStatus.ATTRIBUTE);
        if (status == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "wsprobe is not started");
            return;
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store"); // counters: always ask again
        response.getWriter().write(StatusJson.write(status.now()));
    }
}
