package dev.wsprobe.server;

import java.util.TreeMap;

/**
 * One sender's numbers as a {@link SequenceTracker} follows them: the highest seen, and below it the ranges still
 * missing (start -> end, inclusive); and its open connections, or since when it has had none. Guarded by the
 * tracker's lock.
 */
final class SenderSequence {
    final String name;
    long highest;
    /** Numbers below this are no longer followed. */
    long floor = 1;
    final TreeMap<Long, Long> gaps = new TreeMap<>();
    long missing;
    int openConnections;
    long idleSinceMillis;

    SenderSequence(String name) {
        this.name = name;
    }
}
