package dev.wsprobe.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LoadMergeTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void countsAreSummedAndPercentilesAreThoseOfEveryRoundTripTogether() {
        LoadResult fast = RecordedRuns.echo(10, T0, 3, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000);
        LoadResult slow = RecordedRuns.echo(20, T0.plusMillis(100), 3, 90_000, 95_000, 99_000);
        LoadMerge merge = LoadMerge.of(List.of(RecordedRuns.recorded("a.hlog", fast),
                RecordedRuns.recorded("b.hlog", slow)));

        LoadResult merged = merge.result();
        assertEquals(30, merged.options().connections());
        assertEquals(fast.whole().plus(slow.whole()), merged.whole());
        assertEquals(fast.measured().plus(slow.measured()), merged.measured());
        assertEquals(fast.errors() + slow.errors(), merged.errors());
        Histogram union = fast.latency().copy();
        union.add(slow.latency());
        assertEquals(union.getValueAtPercentile(99), merged.latency().getValueAtPercentile(99));
        assertEquals(union.getValueAtPercentile(50), merged.latency().getValueAtPercentile(50));
        assertTrue(merged.latencyMillis(90) > 80, "the slow run's round trips are the top quarter: "
                + merged.latencyMillis(90) + " ms, where averaging the two p90s would say about 48");
        assertEquals(3.1, merged.measuredSeconds(), 1e-9, "from the first window's start to the last one's end");
        assertEquals(0.75, merged.connectSeconds());
        assertTrue(merge.overlap());
        assertEquals(List.of(), merge.warnings());
        assertEquals("connect failed: Connection refused\nsecond line (a.hlog)", merged.firstError());
    }

    @Test
    void theTextIsLoadsSummaryAfterWhatWasMerged() {
        LoadResult run = RecordedRuns.echo(10, T0, 2, 1000, 2000);
        LoadMerge merge = LoadMerge.of(List.of(RecordedRuns.recorded("a.hlog", run)));
        String n = System.lineSeparator();
        assertEquals("merged 1 run:" + n + "  a.hlog: host-a.hlog, measured 2026-12-02T10:00:00Z to "
                + "2026-12-02T10:00:02Z, 10 connected, 2 round trips" + n + LoadReport.text(run), merge.text());
    }

    @Test
    void windowsThatDoNotOverlapAreSaidInTextAndJson() {
        LoadResult first = RecordedRuns.echo(10, T0, 2, 1000);
        LoadResult later = RecordedRuns.echo(10, T0.plusSeconds(5), 2, 1000);
        LoadMerge merge = LoadMerge.of(List.of(RecordedRuns.recorded("first.hlog", first),
                RecordedRuns.recorded("later.hlog", later)));
        assertFalse(merge.overlap());
        String warning = "warning: the measured windows did not overlap: later.hlog started at "
                + "2026-12-02T10:00:05Z, after first.hlog had ended at 2026-12-02T10:00:02Z (start them together with "
                + "load --start-at; the machines' clocks must agree, e.g. by NTP)";
        assertEquals(List.of(warning), merge.warnings());
        assertTrue(merge.text().contains(System.lineSeparator() + warning + System.lineSeparator()), merge.text());
        String json = merge.json();
        assertTrue(json.startsWith(LoadReport.json(merge.result()).replaceAll("}$", "")), "load --json's fields first");
        assertTrue(json.contains(",\"windowsOverlap\":false,\"warnings\":[\"warning: the measured windows did not "
                + "overlap: "), json);
        assertTrue(json.endsWith(",\"runs\":[{\"file\":\"first.hlog\",\"host\":\"host-first.hlog\",\"windowStart\":"
                + "\"2026-12-02T10:00:00Z\",\"windowEnd\":\"2026-12-02T10:00:02Z\",\"connected\":10,\"roundTrips\":1},"
                + "{\"file\":\"later.hlog\",\"host\":\"host-later.hlog\",\"windowStart\":\"2026-12-02T10:00:05Z\","
                + "\"windowEnd\":\"2026-12-02T10:00:07Z\",\"connected\":10,\"roundTrips\":1}]}"), json);
    }

    @Test
    void overlappingWindowsSayTrueInJson() {
        LoadResult run = RecordedRuns.echo(10, T0, 2, 1000);
        String json = LoadMerge.of(List.of(RecordedRuns.recorded("a", run), RecordedRuns.recorded("b", run))).json();
        assertTrue(json.contains(",\"windowsOverlap\":true,\"warnings\":[],\"runs\":["), json);
    }

    @Test
    void echoAndReceiverRunsDoNotMerge() {
        LoadResult echo = RecordedRuns.echo(10, T0, 2, 1000);
        LoadResult receiver = new LoadResult(echo.options().withMode(LoadOptions.Mode.RECEIVER), echo.whole(),
                echo.measured(), 1, 2, new Histogram(3), 0, 100, 90, null, null, false, echo.phases());
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class, () -> LoadMerge.of(List.of(
                RecordedRuns.recorded("echo.hlog", echo), RecordedRuns.recorded("receiver.hlog", receiver))));
        assertEquals("receiver.hlog: a receiver run, but echo.hlog is an echo run: round trips and a receiver's counts "
                + "do not add up; merge each kind on its own", mixed.getMessage());
    }
}
