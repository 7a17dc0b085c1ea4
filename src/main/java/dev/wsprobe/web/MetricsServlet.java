package dev.wsprobe.web;

import dev.wsprobe.metrics.MetricsText;
import dev.wsprobe.metrics.ServerMetrics;
import dev.wsprobe.server.ServerContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET <context>/metrics}: this deployment's metrics in the Prometheus text format, the same names as the
 * standalone server's. The values are wsprobe's own counts; the application server's metrics (if it has any) are
 * its own business, on its own endpoint.
 */
@WebServlet(urlPatterns = MetricsText.PATH)
public class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** This deployment's registry; another deployment of the WAR in the same server has its own. */
    private transient PrometheusRegistry registry;

    @Override
    public void init() throws ServletException {
        // the lifecycle listener runs before any servlet is initialised, and has put this deployment's server there
        ServerContext server = (ServerContext) getServletContext().getAttribute(WarLifecycle.SERVER_ATTRIBUTE);
        if (server == null) {
            throw new ServletException("wsprobe: the server context is missing: WarLifecycle did not start");
        }
        registry = ServerMetrics.registry(server);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] page = MetricsText.scrape(registry);
        response.setContentType(MetricsText.CONTENT_TYPE);
        response.setHeader("Cache-Control", "no-store"); // counters: always ask again
        response.setContentLength(page.length);
        response.getOutputStream().write(page);
    }
}
