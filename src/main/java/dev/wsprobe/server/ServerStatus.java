package dev.wsprobe.server;

import dev.wsprobe.sender.SenderStatus;
import java.time.Duration;
import java.util.List;

/**
 * What a host's {@code /status} reports: how long it has run, what each endpoint has seen, and its periodic
 * sender (null when it runs none). Rendered by {@link StatusJson}.
 */
public record ServerStatus(Duration uptime, List<EndpointStats.Snapshot> endpoints, Sequences sequences,
        SenderStatus sender) {

    /** What the receiver's sequence tracking found: how many senders, numbers still missing, duplicates. */
    public record Sequences(int senders, long missing, long duplicates) {
        static Sequences of(SequenceTracker tracker) {
            return new Sequences(tracker.senders(), tracker.missing(), tracker.duplicates());
        }
    }

    public ServerStatus {
        endpoints = List.copyOf(endpoints);
    }
}
