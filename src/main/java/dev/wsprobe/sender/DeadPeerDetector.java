package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.Diagnosis;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.diagnosis.Words;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The sender's {@link Heartbeat} at work on one connection at a time: a ping every interval (only one
 * unanswered at a time), and when a ping stays unanswered for the timeout, the connection is reported dead
 * (once). Any pong or message from the peer ({@link #heardFromPeer}) answers the outstanding ping.
 *
 * <p>Callbacks run without this object's lock held, so the owner may take its own lock in them.
 */
final class DeadPeerDetector {
    /** Sends one ping on the watched connection. */
    @FunctionalInterface
    interface Pinger {
        void ping(ByteBuffer payload) throws IOException;
    }

    private final Heartbeat heartbeat;
    private final ScheduledExecutorService scheduler;
    private Watch current;
    private long pingsSent;

    DeadPeerDetector(Heartbeat heartbeat, ScheduledExecutorService scheduler) {
        this.heartbeat = heartbeat;
        this.scheduler = scheduler;
    }

    /** What a connection whose ping went unanswered means for the user. */
    static Diagnosis noPong(Heartbeat heartbeat) {
        return new Diagnosis(DiagnosisCode.CONNECTION_DROPPED, "no pong within " + Words.seconds(heartbeat.timeout())
                + ": the server is gone without a close", "retrying; a cut network or a crashed server looks like this");
    }

    /**
     * Starts watching a newly opened connection (the previous one is no longer watched). Does nothing when the
     * heartbeat is off.
     *
     * @param onDead run once if a ping stays unanswered for the timeout
     */
    synchronized void watch(Pinger pinger, Runnable onDead) {
        stop();
        if (!heartbeat.enabled()) {
            return;
        }
        Watch watch = new Watch(pinger, onDead);
        current = watch;
        long every = heartbeat.interval().toNanos();
        watch.timer = scheduler.scheduleAtFixedRate(() -> ping(watch), every, every, TimeUnit.NANOSECONDS);
    }

    /** A pong or any message arrived: the peer is alive. */
    synchronized void heardFromPeer() {
        if (current != null) {
            current.outstanding = 0;
        }
    }

    /** Stops watching (the connection closed, or the sender stops). */
    synchronized void stop() {
        if (current != null && current.timer != null) {
            current.timer.cancel(false);
        }
        current = null;
    }

    /** Sends the next ping now, unless one is unanswered; its number, 0 when none was sent. The timer's task. */
    long pingNow() {
        Watch watch;
        synchronized (this) {
            watch = current;
        }
        return watch == null ? 0 : ping(watch);
    }

    /** Judges ping {@code number} now, as its timeout does; true when that made the connection dead. */
    boolean checkNow(long number) {
        Watch watch;
        synchronized (this) {
            watch = current;
        }
        return watch != null && checkPong(watch, number);
    }

    private long ping(Watch watch) {
        long number;
        synchronized (this) {
            if (current != watch || watch.outstanding != 0) {
                return 0;
            }
            number = ++pingsSent;
            watch.outstanding = number;
        }
        try {
            watch.pinger.ping(ByteBuffer.wrap(Long.toString(number).getBytes(StandardCharsets.US_ASCII)));
        } catch (IOException | IllegalStateException e) {
            return number; // the connection is closing: its close decides what comes next
        }
        scheduler.schedule(() -> checkPong(watch, number), heartbeat.timeout().toNanos(), TimeUnit.NANOSECONDS);
        return number;
    }

    private boolean checkPong(Watch watch, long number) {
        synchronized (this) {
            if (current != watch || watch.outstanding != number) {
                return false; // answered, or that connection is no longer watched
            }
            stop();
        }
        watch.onDead.run();
        return true;
    }

    /** One watched connection. */
    private static final class Watch {
        private final Pinger pinger;
        private final Runnable onDead;
        /** Number of the unanswered ping, 0 when none is outstanding. */
        private long outstanding;
        private ScheduledFuture<?> timer;

        Watch(Pinger pinger, Runnable onDead) {
            this.pinger = pinger;
            this.onDead = onDead;
        }
    }
}
