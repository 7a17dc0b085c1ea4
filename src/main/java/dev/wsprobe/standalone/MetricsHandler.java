package dev.wsprobe.standalone;

import dev.wsprobe.metrics.MetricsText;
import dev.wsprobe.metrics.ServerMetrics;
import dev.wsprobe.server.ServerContext;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.glassfish.grizzly.http.server.Request;

/** {@code GET /metrics} on the standalone server: this server's metrics in the Prometheus text format. */
final class MetricsHandler extends ReadOnlyHandler {
    static final String PATH = MetricsText.PATH;

    /** This server's own registry: two servers in one JVM never share one. */
    private final PrometheusRegistry registry;

    MetricsHandler(ServerContext server) {
        this.registry = ServerMetrics.registry(server);
    }

    @Override
    Answer answer(Request request) {
        return new Answer(200, MetricsText.CONTENT_TYPE, "no-store", MetricsText.scrape(registry));
    }
}
