package dev.wsprobe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private final RetryPolicy policy = RetryPolicy.DEFAULT;

    @Test
    void delayDoublesFromHalfASecondUpToThirtySecondsWithJitterInTheUpperHalf() {
        Random random = new Random(1);
        long[] bases = {500, 1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (int retry = 1; retry <= bases.length; retry++) {
            for (int sample = 0; sample < 50; sample++) {
                long millis = policy.delayBefore(retry, random).toMillis();
                long base = bases[retry - 1];
                assertTrue(millis >= base / 2 && millis <= base, "retry " + retry + ": " + millis + " ms");
            }
        }
    }

    @Test
    void jitterSpreadsRetriesOfManySenders() {
        Random random = new Random(2);
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> policy.delayBefore(3, random)).distinct().count();
        assertTrue(distinct > 10, "only " + distinct + " distinct delays of 20");
    }

    @Test
    void maxRetriesBoundsAttempts() {
        RetryPolicy twice = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), 2);
        assertTrue(twice.allows(1));
        assertTrue(twice.allows(2));
        assertFalse(twice.allows(3));
        assertFalse(RetryPolicy.NEVER.allows(1));
        assertTrue(RetryPolicy.DEFAULT.allows(1_000_000));
        assertEquals(Duration.ofSeconds(30), RetryPolicy.DEFAULT.max());
    }
}
