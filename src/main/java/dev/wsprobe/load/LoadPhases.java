package dev.wsprobe.load;

/**
 * When a load run's phases began, in milliseconds since the epoch, so that a benchmark can cut samples taken
 * outside this process (the CPU time of the server and of the load itself, read from {@code /proc}) at the
 * same moments: connecting is {@code [start, connected)}, the measured time {@code [measureStart, measureEnd)}.
 */
public record LoadPhases(long startEpochMs, long connectedEpochMs, long measureStartEpochMs, long measureEndEpochMs) {
}
