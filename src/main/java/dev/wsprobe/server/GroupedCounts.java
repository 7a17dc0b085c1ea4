package dev.wsprobe.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntUnaryOperator;

/**
 * Counts of events by a number a client controls (a close code, an HTTP status), kept in a fixed set of groups
 * so that the label values a metrics system sees stay bounded whatever clients send. One array slot per group:
 * counting allocates nothing and takes no lock.
 */
public final class GroupedCounts {
    private static final int[] REFUSAL_STATUSES = {400, 403, 404, 405, 426, 429, 500, 503};
    private static final int FIRST_EXACT_CODE = 1000;
    private static final int LAST_EXACT_CODE = 1015;

    private final String[] labels;
    private final IntUnaryOperator slotOf;
    private final AtomicLongArray counts;

    private GroupedCounts(String[] labels, IntUnaryOperator slotOf) {
        this.labels = labels;
        this.slotOf = slotOf;
        this.counts = new AtomicLongArray(labels.length);
    }

    /**
     * Close codes: those RFC 6455 and its registry define (1000-1015) each on its own, then {@code 3xxx} (codes
     * registered for libraries and frameworks), {@code 4xxx} (private use) and {@code other}: 19 groups at most,
     * where exact codes would let a client create thousands.
     */
    public static GroupedCounts closeCodes() {
        int exact = LAST_EXACT_CODE - FIRST_EXACT_CODE + 1;
        String[] labels = new String[exact + 3];
        for (int i = 0; i < exact; i++) {
            labels[i] = Integer.toString(FIRST_EXACT_CODE + i);
        }
        labels[exact] = "3xxx";
        labels[exact + 1] = "4xxx";
        labels[exact + 2] = "other";
        return new GroupedCounts(labels, code -> code >= FIRST_EXACT_CODE && code <= LAST_EXACT_CODE
                ? code - FIRST_EXACT_CODE
                : code >= 3000 && code <= 3999 ? exact : code >= 4000 && code <= 4999 ? exact + 1 : exact + 2);
    }

    /**
     * HTTP statuses of refused upgrades: those of the {@link HandshakePolicy} (400, 403, 405, 426, 429, 503), those
     * the standalone host's WebSocket implementation decides itself (404 for a path without an endpoint, 500),
     * and {@code other}.
     */
    public static GroupedCounts refusalStatuses() {
        String[] labels = new String[REFUSAL_STATUSES.length + 1];
        for (int i = 0; i < REFUSAL_STATUSES.length; i++) {
            labels[i] = Integer.toString(REFUSAL_STATUSES[i]);
        }
        labels[REFUSAL_STATUSES.length] = "other";
        return new GroupedCounts(labels, status -> {
            for (int i = 0; i < REFUSAL_STATUSES.length; i++) {
                if (REFUSAL_STATUSES[i] == status) {
                    return i;
                }
            }
            return REFUSAL_STATUSES.length;
        });
    }

    public void record(int value) {
        counts.incrementAndGet(slotOf.applyAsInt(value));
    }

    /** The group {@code value} is counted in, e.g. {@code "1000"}, {@code "4xxx"}, {@code "other"}. */
    public String label(int value) {
        return labels[slotOf.applyAsInt(value)];
    }

    /** The groups that counted at least once, in their fixed order, with their counts. */
    public Map<String, Long> nonZero() {
        Map<String, Long> seen = new LinkedHashMap<>();
        for (int slot = 0; slot < labels.length; slot++) {
            long count = counts.get(slot);
            if (count > 0) {
                seen.put(labels[slot], count);
            }
        }
        return seen;
    }
}
