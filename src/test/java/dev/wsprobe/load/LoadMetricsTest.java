package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The generator's round trips, recorded in microseconds by HdrHistogram, as Prometheus' fixed buckets in seconds. */
class LoadMetricsTest {
    @Test
    void eachRoundTripLandsInTheFirstBucketWhoseBoundIsNotBelowIt() {
        Histogram micros = new Histogram(3);
        micros.recordValue(500); // 0.5 ms
        micros.recordValue(1_000); // exactly on the 1 ms bound: le is "less or equal"
        micros.recordValue(1_001);
        micros.recordValue(3_000);
        micros.recordValue(2_000_000); // 2 s
        micros.recordValue(20_000_000); // beyond the last finite bound (10 s)

        HistogramSnapshot.HistogramDataPointSnapshot point = LoadMetrics.roundTrips(micros).getDataPoints().get(0);
        ClassicHistogramBuckets buckets = point.getClassicBuckets();

        double[] bounds = new double[buckets.size()];
        long[] counts = new long[buckets.size()];
        for (int i = 0; i < buckets.size(); i++) {
            bounds[i] = buckets.getUpperBound(i);
            counts[i] = buckets.getCount(i);
        }
        assertArrayEquals(LoadMetrics.BUCKETS, bounds);
        // 1 ms, 2.5 ms, 5 ms, 10 ms, 25 ms, 50 ms, 100 ms, 250 ms, 500 ms, 1 s, 2.5 s, 5 s, 10 s, +Inf
        assertArrayEquals(new long[] {2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1}, counts);
        assertEquals(6, point.getCount());
        assertEquals(22.005501, point.getSum(), 22.005501 * 0.001, "the sum, to HdrHistogram's precision");
    }

    @Test
    void noRoundTripsYetIsAnEmptyHistogram() {
        HistogramSnapshot.HistogramDataPointSnapshot point = LoadMetrics.roundTrips(new Histogram(3))
                .getDataPoints().get(0);

        assertEquals(0, point.getCount());
        assertEquals(0, point.getSum());
    }
}
