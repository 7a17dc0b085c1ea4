package dev.wsprobe.server;

import dev.wsprobe.sender.SenderStatus;
import java.time.Duration;
import java.util.List;

/**
 * What a host's {@code /status} reports: how long it has run, what each endpoint has seen, and its periodic
 * sender (null when it runs none). Rendered by {@link StatusJson}.
 */
public record ServerStatus(Duration uptime, List<EndpointStats.Snapshot> endpoints, Sequences sequences,
        SenderStatus sender, java.util.Map<String, Long> subprotocols) {

    /** A status with no subprotocol chosen yet. */
    public ServerStatus(Duration uptime, List<EndpointStats.Snapshot> endpoints, Sequences sequences,
            SenderStatus sender) {
        this(uptime, endpoints, sequences, sender, java.util.Map.of());
    }


    /**
     * What the receiver's sequence tracking found: senders followed now, numbers they still miss, duplicates,
     * jumps too large to count as missing (resets), missing numbers given up to stay within the bounds or with
     * a forgotten sender (forgotten), senders evicted because too many were followed (evicted), and senders
     * forgotten a while after their last connection closed (expired). See {@link SequenceLimits}.
     */
    public record Sequences(int senders, long missing, long duplicates, long resets, long forgotten, long evicted,
            long expired) {
        public Sequences(int senders, long missing, long duplicates) {
            this(senders, missing, duplicates, 0, 0, 0, 0);
        }

        static Sequences of(SequenceTracker tracker) {
            SequenceTracker.Counts counts = tracker.counts();
            return new Sequences(counts.senders(), counts.missing(), counts.duplicates(), counts.resets(),
                    counts.forgotten(), counts.evicted(), counts.expired());
        }
    }

    public ServerStatus {
        endpoints = List.copyOf(endpoints);
        subprotocols = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(subprotocols));
    }
}
