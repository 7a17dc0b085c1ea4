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
    private boolean measuring;

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
    }

    synchronized void stopMeasuring() {
        take();
        measuring = false;
    }

    synchronized Histogram measured() {
        return measured.copy();
    }

    private void take() {
        Histogram interval = stats.takeInterval();
        sinceLastLine.add(interval);
        if (measuring) {
            measured.add(interval);
        }
    }
}
