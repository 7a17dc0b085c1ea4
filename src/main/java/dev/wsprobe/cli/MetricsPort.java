package dev.wsprobe.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wsprobe.metrics.MetricsText;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code load --metrics-port}: {@code GET /metrics} on a port of its own, for a Prometheus to scrape the generator
 * while it runs, on the JDK's own HTTP server (one thread; a scrape every few seconds is all it serves). The
 * Prometheus client's HTTP exporter would do the same but brings its protobuf format (2 MB) along.
 */
final class MetricsPort implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService thread;

    private MetricsPort(HttpServer http, ExecutorService thread) {
        this.http = http;
        this.thread = thread;
    }

    /**
     * Serves {@code registry} at {@code http://address:port/metrics}.
     *
     * @param address the address to listen on; null for every interface (IPv4 and IPv6)
     * @throws UserError (exit code 3) when the port is taken or the address is not this machine's
     */
    static MetricsPort start(InetAddress address, int port, PrometheusRegistry registry) {
        InetSocketAddress where = address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port);
        HttpServer http;
        try {
            http = HttpServer.create(where, 0);
        } catch (BindException e) {
            throw new UserError(ExitCodes.SETUP, "cannot serve metrics on " + describe(address) + " port " + port
                    + ": " + e.getMessage() + " (choose another --metrics-port)", e);
        } catch (IOException e) {
            throw new UserError(ExitCodes.SETUP, "cannot serve metrics on " + describe(address) + " port " + port
                    + ": " + e.getMessage(), e);
        }
        ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
            Thread daemon = new Thread(task, "wsprobe-metrics");
            daemon.setDaemon(true);
            return daemon;
        });
        http.setExecutor(thread);
        http.createContext(MetricsText.PATH, exchange -> answer(exchange, registry));
        http.start();
        return new MetricsPort(http, thread);
    }

    /** The port listened on (the system's choice when 0 was asked for). */
    int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:9464/metrics}; for every interface, the port under {@code localhost}. */
    String url(InetAddress address) {
        String host = address == null ? "localhost" : address instanceof java.net.Inet6Address
                ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return "http://" + host + ":" + port() + MetricsText.PATH;
    }

    private static String describe(InetAddress address) {
        return address == null ? "every interface" : address.getHostAddress();
    }

    private static void answer(HttpExchange exchange, PrometheusRegistry registry) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!exchange.getRequestURI().getPath().equals(MetricsText.PATH)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] page = MetricsText.scrape(registry);
            exchange.getResponseHeaders().set("Content-Type", MetricsText.CONTENT_TYPE);
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(page);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        thread.shutdownNow();
    }
}
