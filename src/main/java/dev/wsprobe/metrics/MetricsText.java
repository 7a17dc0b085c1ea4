package dev.wsprobe.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A registry's scrape as a page in the Prometheus text format (version 0.0.4), which every Prometheus reads: the
 * body of {@code /metrics} on the standalone server, in the WAR and in {@code load --metrics-port}.
 */
public final class MetricsText {
    public static final String PATH = "/metrics";
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();
    /** {@code text/plain; version=0.0.4; charset=utf-8}. */
    public static final String CONTENT_TYPE = WRITER.getContentType();

    private MetricsText() {
    }

    /** The scrape of {@code registry} now, as the bytes of the page. */
    public static byte[] scrape(PrometheusRegistry registry) {
        ByteArrayOutputStream page = new ByteArrayOutputStream(4096);
        try {
            WRITER.write(page, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return page.toByteArray();
    }
}
