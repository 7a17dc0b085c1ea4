package dev.wsprobe.server;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Connections accepted per chosen subprotocol, for {@code /status}. Bounded whatever clients offer: with a
 * configured list only its names can be chosen; with any offer accepted, the first {@value #MAX_NAMES} names
 * seen are counted by name and the rest together under {@value #OTHERS}.
 */
public final class SubprotocolCounts {
    static final int MAX_NAMES = 32;
    static final String OTHERS = "(others)";

    private final ConcurrentHashMap<String, LongAdder> counts = new ConcurrentHashMap<>();

    SubprotocolCounts(Subprotocols configured) {
        configured.allowed().forEach(name -> counts.put(name, new LongAdder()));
    }

    /** A connection chose {@code subprotocol}; nothing for none (null or empty). */
    void chosen(String subprotocol) {
        if (subprotocol == null || subprotocol.isEmpty()) {
            return;
        }
        LongAdder count = counts.get(subprotocol);
        if (count == null) {
            count = counts.size() < MAX_NAMES ? counts.computeIfAbsent(subprotocol, name -> new LongAdder())
                    : counts.computeIfAbsent(OTHERS, name -> new LongAdder());
        }
        count.increment();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new HashMap<>();
        counts.forEach((name, count) -> snapshot.put(name, count.sum()));
        return snapshot;
    }
}
