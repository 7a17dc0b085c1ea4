package dev.wsprobe.load;

import dev.wsprobe.diagnosis.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * {@code load merge}: several runs' histogram logs as one run. Round trips are added into one histogram, so
 * its percentiles are those of every round trip together (averaging each run's p99 would not be); counts are
 * summed; throughput is over the span from the first window's start to the last one's end, which for windows
 * that coincide ({@code --start-at}) is the sum of the runs' throughputs.
 *
 * @param result   the runs as one, printed by {@link LoadReport} as {@code load} prints its own
 * @param runs     what was merged, in the order given
 * @param overlap  whether one moment lies inside every run's measured window
 * @param warnings lines for people: windows that did not overlap, runs of different settings
 */
public record LoadMerge(LoadResult result, List<RecordedRun> runs, boolean overlap, List<String> warnings) {

    /** @throws IllegalArgumentException when the runs cannot be combined (echo and receiver runs) */
    public static LoadMerge of(List<RecordedRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no histogram log to merge");
        }
        LoadOptions first = runs.get(0).result().options();
        for (RecordedRun run : runs) {
            if (run.result().options().echo() != first.echo()) {
                throw new IllegalArgumentException(run.source() + ": " + mode(run) + " run, but "
                        + runs.get(0).source() + " is " + mode(runs.get(0)) + " run: round trips and a "
                        + "receiver's counts do not add up; merge each kind on its own");
            }
        }
        Instant latestStart = runs.stream().map(RecordedRun::windowStart).max(Comparator.naturalOrder()).get();
        Instant earliestEnd = runs.stream().map(RecordedRun::windowEnd).min(Comparator.naturalOrder()).get();
        Instant earliestStart = runs.stream().map(RecordedRun::windowStart).min(Comparator.naturalOrder()).get();
        Instant latestEnd = runs.stream().map(RecordedRun::windowEnd).max(Comparator.naturalOrder()).get();
        boolean overlap = latestStart.isBefore(earliestEnd);
        List<String> warnings = new ArrayList<>();
        if (!overlap) {
            warnings.add("warning: the measured windows did not overlap: " + source(runs, RecordedRun::windowStart,
                    latestStart) + " started at " + latestStart + ", after " + source(runs, RecordedRun::windowEnd,
                    earliestEnd) + " had ended at " + earliestEnd + " (start them together with load --start-at; "
                    + "the machines' clocks must agree, e.g. by NTP)");
        }
        different(runs, "targets", o -> o.target().toString(), warnings);
        different(runs, "rates", o -> o.pipelined() ? "max (" + o.inFlight() + " in flight)"
                : LoadReport.format(o.ratePerSecond()) + " msg/s", warnings);
        different(runs, "message sizes", o -> o.sizeBytes() + " bytes", warnings);

        boolean one = runs.size() == 1;
        LoadResult only = runs.get(0).result();
        // one run keeps its own (monotonic) measured time; the wall-clock span is what several runs cover
        double spanSeconds = one ? only.measuredSeconds()
                : Duration.between(earliestStart, latestEnd).toNanos() / 1e9;
        Histogram latency = new Histogram(3);
        runs.forEach(run -> latency.add(run.result().latency()));
        latency.setStartTimeStamp(earliestStart.toEpochMilli());
        latency.setEndTimeStamp(latestEnd.toEpochMilli());
        LoadOptions options = new LoadOptions(first.target(),
                runs.stream().mapToInt(run -> run.result().options().connections()).sum(), first.rampPerSecond(),
                first.ratePerSecond(), first.inFlight(), first.warmup(),
                Duration.ofNanos(Math.max(1, (long) (spanSeconds * 1e9))), first.sizeBytes(),
                first.handshakeTimeout(), first.echo() ? LoadOptions.Mode.ECHO : LoadOptions.Mode.RECEIVER);
        // runs at the same time read the same server's count: adding them up would count messages twice
        String receiverNote = one ? only.receiverNote() : "the runs' counts of one server are not added";
        LoadResult merged = new LoadResult(options, sum(runs, LoadResult::whole), sum(runs, LoadResult::measured),
                runs.stream().mapToDouble(run -> run.result().connectSeconds()).max().getAsDouble(), spanSeconds,
                latency, runs.stream().mapToLong(run -> run.result().missing()).sum(),
                one ? only.receiverCounted() : -1, one ? only.receiverMeasured() : -1, receiverNote,
                runs.stream().filter(run -> run.result().firstError() != null).findFirst()
                        .map(run -> run.result().firstError() + (one ? "" : " (" + run.source() + ")")).orElse(null),
                runs.stream().anyMatch(run -> run.result().stoppedEarly()),
                new LoadPhases(runs.stream().mapToLong(run -> run.result().phases().startEpochMs()).min().getAsLong(),
                        runs.stream().mapToLong(run -> run.result().phases().connectedEpochMs()).max().getAsLong(),
                        earliestStart.toEpochMilli(), latestEnd.toEpochMilli()));
        return new LoadMerge(merged, List.copyOf(runs), overlap, List.copyOf(warnings));
    }

    /** The merged summary for people: what was merged, any warning, then {@code load}'s own summary. */
    public String text() {
        StringBuilder out = new StringBuilder("merged ").append(runs.size())
                .append(runs.size() == 1 ? " run:" : " runs:").append(System.lineSeparator());
        for (RecordedRun run : runs) {
            out.append("  ").append(run.source()).append(": ").append(run.host()).append(", measured ")
                    .append(run.windowStart()).append(" to ").append(run.windowEnd()).append(", ")
                    .append(run.result().whole().connected()).append(" connected, ")
                    .append(run.result().latency().getTotalCount()).append(" round trips")
                    .append(System.lineSeparator());
        }
        warnings.forEach(warning -> out.append(warning).append(System.lineSeparator()));
        return out.append(LoadReport.text(result)).toString();
    }

    /**
     * {@code load --json}'s object, with {@code windowsOverlap}, {@code warnings} and {@code runs} (file,
     * host, window, connected, round trips) added at its end.
     */
    public String json() {
        String single = LoadReport.json(result);
        StringBuilder json = new StringBuilder(single.substring(0, single.length() - 1)); // without its closing }
        json.append(",\"windowsOverlap\":").append(overlap).append(",\"warnings\":[");
        for (int i = 0; i < warnings.size(); i++) {
            json.append(i == 0 ? "" : ",").append(Json.string(warnings.get(i)));
        }
        json.append("],\"runs\":[");
        for (int i = 0; i < runs.size(); i++) {
            RecordedRun run = runs.get(i);
            json.append(i == 0 ? "{" : ",{")
                    .append("\"file\":").append(Json.string(run.source()))
                    .append(",\"host\":").append(Json.string(run.host()))
                    .append(",\"windowStart\":").append(Json.string(run.windowStart().toString()))
                    .append(",\"windowEnd\":").append(Json.string(run.windowEnd().toString()))
                    .append(",\"connected\":").append(run.result().whole().connected())
                    .append(",\"roundTrips\":").append(run.result().latency().getTotalCount()).append('}');
        }
        return json.append("]}").toString();
    }

    private static LoadStats.Counts sum(List<RecordedRun> runs, Function<LoadResult, LoadStats.Counts> which) {
        return runs.stream().map(run -> which.apply(run.result()))
                .reduce(new LoadStats.Counts(0, 0, 0, 0, 0, 0), LoadStats.Counts::plus);
    }

    private static void different(List<RecordedRun> runs, String what, Function<LoadOptions, String> value,
            List<String> warnings) {
        List<String> values = runs.stream().map(run -> value.apply(run.result().options())).distinct().toList();
        if (values.size() > 1) {
            warnings.add("warning: the runs had different " + what + ": " + String.join(", ", values)
                    + " (the summary's first line shows the first run's)");
        }
    }

    private static String source(List<RecordedRun> runs, Function<RecordedRun, Instant> when, Instant instant) {
        return runs.stream().filter(run -> Objects.equals(when.apply(run), instant)).findFirst().get().source();
    }

    private static String mode(RecordedRun run) {
        return run.result().options().echo() ? "an echo" : "a receiver";
    }
}
