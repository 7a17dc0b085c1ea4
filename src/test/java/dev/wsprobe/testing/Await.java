package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for events with a bound, failing with what was awaited. */
public final class Await {
    /**
     * How long an awaited event may take before the test fails. Generous on purpose: a passing test waits only
     * as long as the event takes, and on a shared 2-core machine (load average 15 while builds and a soak ran)
     * 15 s was not always enough for a server to start or a TLS handshake to finish. Nothing waits this long to
     * prove that something did not happen.
     */
    public static final Duration PATIENCE = Duration.ofSeconds(30);

    private Await() {
    }

    public static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T item = queue.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (item == null) {
            fail("waited " + PATIENCE.toSeconds() + " s for " + what + ", nothing came");
        }
        return item;
    }

    public static void latch(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("waited " + PATIENCE.toSeconds() + " s for " + what);
        }
    }

    /** For state that has no event to wait on (counters read from another component). */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        until(PATIENCE, condition, what);
    }

    /** As {@link #until(BooleanSupplier, String)}, for what legitimately takes longer (a deployment's start). */
    public static void until(Duration patience, BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + patience.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }
}
