package dev.wsprobe.load;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.HdrHistogram.Histogram;

/**
 * A load run's live figures for Prometheus ({@code load --metrics-port}), read from the run at each scrape: the
 * connections open, the messages sent and received, the errors so far, and the round trips as a classic Prometheus
 * histogram with fixed buckets, so that the generators of several machines add up in PromQL
 * ({@code histogram_quantile} over the sum of their buckets).
 *
 * <p>The buckets are counted from the run's own HdrHistogram when scraped, not recorded a second time per message:
 * a bucket's count holds the round trips up to its bound at HdrHistogram's precision (3 significant digits, so a
 * round trip within 0.1 % above a bound may be counted below it), and the sum is the histogram's mean times its
 * count, exact to the same precision.
 */
public final class LoadMetrics implements MultiCollector {
    /** Upper bounds of the round-trip buckets, in seconds: 1 ms to 10 s, then +Inf. */
    static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
        Double.POSITIVE_INFINITY};
    private static final double MICROS_PER_SECOND = 1e6;

    private final LoadRun run;

    private LoadMetrics(LoadRun run) {
        this.run = run;
    }

    /** A registry of its own holding {@code run}'s figures and nothing else. */
    public static PrometheusRegistry registry(LoadRun run) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new LoadMetrics(run));
        return registry;
    }

    @Override
    public MetricSnapshots collect() {
        // round trips first: each is recorded after its echo is counted, so the page never shows more round
        // trips than echoes received
        HistogramSnapshot roundTrips = roundTrips(run.roundTripsSoFar());
        LoadStats.Counts counts = run.counts();
        return MetricSnapshots.of(
                GaugeSnapshot.builder().name("wsprobe_load_connections_open").help("Load connections open now")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(run.openConnections()).build()).build(),
                counter("wsprobe_load_messages_sent", "Messages the generator sent", counts.sent()),
                counter("wsprobe_load_messages_received", "Echoes the generator received (its own messages back)",
                        counts.received()),
                counter("wsprobe_load_errors", "Failed connects and sends, and connections the server or the network "
                        + "dropped, so far (echoes missing at the end are only in the summary)",
                        counts.connectFailures() + counts.sendErrors() + counts.dropped()),
                roundTrips);
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    /** The round trips (recorded in microseconds) as per-bucket counts, which the text writer adds up. */
    static HistogramSnapshot roundTrips(Histogram micros) {
        long[] counts = new long[BUCKETS.length];
        long below = 0;
        for (int i = 0; i < BUCKETS.length - 1; i++) {
            long upToBound = micros.getCountBetweenValues(0, (long) (BUCKETS[i] * MICROS_PER_SECOND));
            counts[i] = upToBound - below;
            below = upToBound;
        }
        long total = micros.getTotalCount();
        counts[BUCKETS.length - 1] = total - below;
        double sumSeconds = total == 0 ? 0 : micros.getMean() * total / MICROS_PER_SECOND;
        return HistogramSnapshot.builder().name("wsprobe_load_round_trip_seconds")
                .help("Round trips of the generator's messages (echo mode), since the run began")
                .dataPoint(HistogramDataPointSnapshot.builder()
                        .classicHistogramBuckets(ClassicHistogramBuckets.of(BUCKETS, counts)).sum(sumSeconds).build())
                .build();
    }
}
