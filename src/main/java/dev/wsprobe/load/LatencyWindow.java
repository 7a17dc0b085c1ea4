package dev.wsprobe.load;

import org.HdrHistogram.Histogram;

/**
 * Splits the round trips of {@link LoadStats} into the live line's one-second slices and the measured total,
 * so that the start and end of the measured time cut exactly where the run says, not at the next tick.
 * The only reader of the stats' recorder.
 */
final class LatencyWindow {
    private final LoadStats stats;
    private final Histogram measured = new Histogram(3);
    /** What was recorded since the last live line, across a cut. */
    private final Histogram sinceLastLine = new Histogram(3);
    /** Every round trip since the run began, warm-up and drain included: what a metrics scrape reports. */
    private final Histogram sinceStart = new Histogram(3);
    private boolean measuring;
    /** The measured window on the wall clock (ms since the epoch), for files merged with other machines' runs. */
    private long measuredFromMillis;
    private long measuredUntilMillis;

    LatencyWindow(LoadStats stats) {
        this.stats = stats;
    }

    /** Round trips since the previous live line. */
    synchronized Histogram forLiveLine() {
        take();
        Histogram slice = sinceLastLine.copy();
        sinceLastLine.reset();
        return slice;
    }

    synchronized void startMeasuring() {
        take();
        measuring = true;
        measuredFromMillis = System.currentTimeMillis();
    }

    synchronized void stopMeasuring() {
        take();
        measuring = false;
        measuredUntilMillis = System.currentTimeMillis();
    }

    /** The measured round trips; their start and end time stamps are the measured window's (wall clock). */
    synchronized Histogram measured() {
        Histogram copy = measured.copy();
        copy.setStartTimeStamp(measuredFromMillis); // add() had set the recorder's interval times
        copy.setEndTimeStamp(measuredUntilMillis);
        return copy;
    }

    /** A copy of every round trip recorded so far (taking what the recorder holds first). */
    synchronized Histogram sinceStart() {
        take();
        return sinceStart.copy();
    }

    private void take() {
        Histogram interval = stats.takeInterval();
        sinceLastLine.add(interval);
        sinceStart.add(interval);
        if (measuring) {
            measured.add(interval);
        }
    }
}
