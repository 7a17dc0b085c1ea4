package dev.wsprobe.diagnosis;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Asks a second connection what the peer speaks once a step has waited {@code quiet} for an answer, so that a
 * peer that will never answer (a TLS hello to a plain HTTP port) is named at once instead of after the step's
 * whole timeout. When the probe answers yes, the waiting step's socket is closed under it, and
 * {@link #stop()} says so. Without a quiet time it does nothing (no thread: hosts that manage their threads
 * use it so).
 */
final class SilenceWatch {
    private final CountDownLatch stepEnded = new CountDownLatch(1);
    private final Thread thread;
    private boolean ended;
    private boolean answered;

    private SilenceWatch(Closeable waiting, Duration quiet, BooleanSupplier probe) {
        if (quiet == null) {
            thread = null;
            return;
        }
        thread = new Thread(() -> watch(waiting, quiet, probe), "wsprobe-check-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /** @param quiet null for none: then the watch does nothing */
    static SilenceWatch start(Closeable waiting, Duration quiet, BooleanSupplier probe) {
        return new SilenceWatch(waiting, quiet, probe);
    }

    private void watch(Closeable waiting, Duration quiet, BooleanSupplier probe) {
        try {
            if (stepEnded.await(quiet.toNanos(), TimeUnit.NANOSECONDS) || !probe.getAsBoolean()) {
                return;
            }
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (ended) {
                return; // the step ended while the probe ran: its own outcome stands
            }
            answered = true;
        }
        try {
            waiting.close();
        } catch (IOException e) {
            // closed is closed
        }
    }

    /** The step succeeded: whatever the probe finds no longer matters. Does not wait for it. */
    void cancel() {
        synchronized (this) {
            ended = true;
        }
        stepEnded.countDown();
    }

    /**
     * The step failed: waits for a probe under way and says whether it found what the silence meant (and so
     * caused the failure by closing the socket).
     */
    boolean stop() {
        stepEnded.countDown();
        if (thread != null) {
            try {
                thread.join(PeerProbes.CONFIRM_TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            ended = true;
            return answered;
        }
    }
}
