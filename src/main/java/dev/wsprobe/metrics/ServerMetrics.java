package dev.wsprobe.metrics;

import dev.wsprobe.server.EndpointStats;
import dev.wsprobe.server.GroupedCounts;
import dev.wsprobe.server.SequenceTracker;
import dev.wsprobe.server.ServerContext;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One server's metrics, read at each scrape from what its {@link ServerContext} counts anyway: the collector keeps
 * no counters of its own, so serving metrics adds nothing to the work per message. Each server has its own
 * registry ({@link #registry}); nothing is registered in the client library's JVM-wide default registry.
 */
public final class ServerMetrics implements MultiCollector {
    private final ServerContext server;

    private ServerMetrics(ServerContext server) {
        this.server = server;
    }

    /** A registry holding {@code server}'s metrics and nothing else. */
    public static PrometheusRegistry registry(ServerContext server) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new ServerMetrics(server));
        return registry;
    }

    @Override
    public MetricSnapshots collect() {
        List<Endpoint> endpoints = server.endpoints().stream().map(Endpoint::of).toList();
        SequenceTracker sequences = server.sequences();
        long queued = 0;
        for (EndpointStats stats : server.endpoints()) {
            queued += stats.queuedBytes();
        }
        return MetricSnapshots.of(
                gauge("wsprobe_connections_open", "WebSocket connections open now", endpoints,
                        endpoint -> endpoint.snapshot().openConnections()),
                counter("wsprobe_connections_accepted", "WebSocket connections accepted since the server started",
                        endpoints, endpoint -> endpoint.snapshot().connectionsAccepted()),
                counter("wsprobe_messages_received", "Messages received from clients", endpoints,
                        endpoint -> endpoint.snapshot().messagesReceived()),
                counter("wsprobe_messages_sent", "Messages sent to clients (echoes, acknowledgements, announcements)",
                        endpoints, endpoint -> endpoint.stats().messagesSent()),
                counter("wsprobe_bytes_received", "Payload bytes of the messages received", endpoints,
                        endpoint -> endpoint.snapshot().bytesReceived()),
                counter("wsprobe_bytes_sent", "Payload bytes of the messages sent", endpoints,
                        endpoint -> endpoint.stats().bytesSent()),
                closes(endpoints),
                grouped("wsprobe_handshake_refusals", "Upgrade requests refused, by HTTP status", "status",
                        server.refusals()),
                single("wsprobe_sequence_gaps", "Gaps in senders' message numbers (numbers skipped), since the start",
                        sequences.gapsOpened()),
                single("wsprobe_sequence_duplicates", "Numbered messages that arrived twice, since the start",
                        sequences.duplicates()),
                GaugeSnapshot.builder().name("wsprobe_outgoing_bytes_queued")
                        .help("Bytes waiting in the server's outgoing queues to clients")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(queued).build()).build());
    }

    /** An endpoint's label value ({@code echo}, {@code receive}) and its counters at this scrape. */
    private record Endpoint(String label, EndpointStats stats, EndpointStats.Snapshot snapshot) {
        static Endpoint of(EndpointStats stats) {
            return new Endpoint(stats.path().substring(1), stats, stats.snapshot());
        }

        Labels labels() {
            return Labels.of("endpoint", label);
        }
    }

    private static GaugeSnapshot gauge(String name, String help, List<Endpoint> endpoints,
            ToDoubleFunction<Endpoint> value) {
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
        for (Endpoint endpoint : endpoints) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(endpoint.labels())
                    .value(value.applyAsDouble(endpoint)).build());
        }
        return gauge.build();
    }

    private static CounterSnapshot counter(String name, String help, List<Endpoint> endpoints,
            ToDoubleFunction<Endpoint> value) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        for (Endpoint endpoint : endpoints) {
            counter.dataPoint(point(endpoint.labels(), value.applyAsDouble(endpoint)));
        }
        return counter.build();
    }

    /** Closes by endpoint and close code; an endpoint appears once one of its connections closed. */
    private static CounterSnapshot closes(List<Endpoint> endpoints) {
        CounterSnapshot.Builder closes = CounterSnapshot.builder().name("wsprobe_closes")
                .help("Connections closed, by close code (1000-1015 exact; 3xxx, 4xxx and other grouped)");
        for (Endpoint endpoint : endpoints) {
            for (Map.Entry<String, Long> code : endpoint.stats().closes().nonZero().entrySet()) {
                closes.dataPoint(point(endpoint.labels().add("code", code.getKey()), code.getValue()));
            }
        }
        return closes.build();
    }

    private static CounterSnapshot grouped(String name, String help, String label, GroupedCounts counts) {
        CounterSnapshot.Builder counter = CounterSnapshot.builder().name(name).help(help);
        counts.nonZero().forEach((group, count) -> counter.dataPoint(point(Labels.of(label, group), count)));
        return counter.build();
    }

    private static CounterSnapshot single(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help).dataPoint(point(Labels.EMPTY, value)).build();
    }

    private static CounterDataPointSnapshot point(Labels labels, double value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
