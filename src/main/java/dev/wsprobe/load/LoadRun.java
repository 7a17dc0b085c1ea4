package dev.wsprobe.load;

import dev.wsprobe.diagnosis.Failures;
import java.net.InetAddress;
import org.HdrHistogram.Histogram;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One load run, in phases: connect (ramped; each connection starts sending as soon as it is open, as real
 * senders arriving would), warm-up (not measured), the measured time, then a drain (echoes still on their
 * way may arrive; nothing new is sent) and a normal close of every connection. A live line goes to
 * {@code progress} once a second.
 */
public final class LoadRun {
    /**
     * Connections being opened at once; each attempt blocks one of these threads until open or failed. On a busy
     * machine a handshake took 150 ms here, so fewer threads would cap the ramp well below 1,000 a second.
     */
    private static final int CONNECTING_THREADS = 128;
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    /**
     * Bounds the connect phase: an attempt that could not start within twice the ramp's time plus this is not
     * made and counts as failed, so a saturated server ends the run in bounded time instead of crawling on.
     */
    private static final long GIVE_UP_AFTER_RAMP_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final LoadOptions options;
    private final LoadConnector connector;
    private final List<InetAddress> sources;
    private final ReceiverStatus receiver;
    private final Consumer<String> progress;
    private final LoadStats stats = new LoadStats();
    private final LatencyWindow latency = new LatencyWindow(stats);
    private final OpenedConnections connections = new OpenedConnections();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile boolean sending = true;
    private volatile String phase = "connecting";
    private long startNanos;
    private StartAt startAt;

    /**
     * @param sources  local addresses, used round-robin ({@link SourceAddresses#plan}); a null entry = the system's
     * @param receiver the server's own count, for a non-echo target; null to skip
     */
    public LoadRun(LoadOptions options, LoadConnector connector, List<InetAddress> sources, ReceiverStatus receiver,
            Consumer<String> progress) {
        this.options = options;
        this.connector = connector;
        this.sources = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(sources)); // null = any
        this.receiver = receiver;
        this.progress = progress;
    }

    /** Starts the measured window at {@code at} ({@code --start-at}) instead of right after the warm-up. */
    public LoadRun startingAt(StartAt at) {
        this.startAt = at;
        return this;
    }

    /** The counters so far, for a live view (metrics) while the run goes on. */
    public LoadStats.Counts counts() {
        return stats.counts();
    }

    /** Connections open now; walks them all, so for a scrape, not per message. */
    public int openConnections() {
        return connections.openNow();
    }

    /** Every round trip so far (microseconds), a copy: warm-up, measured time and drain alike. */
    public Histogram roundTripsSoFar() {
        return latency.sinceStart();
    }

    /** Ends the measured time now (Ctrl-C); the run still drains, closes and reports. */
    public void stop() {
        stopRequested.countDown();
    }

    public LoadResult run() throws InterruptedException {
        ExecutorService connecting = Executors.newFixedThreadPool(Math.min(CONNECTING_THREADS, options.connections()),
                daemon("load-connect"));
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("load-pacer"));
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(daemon("load-clock"));
        try {
            awaitConnectTime();
            long receiverBefore = receiverCount();
            startNanos = System.nanoTime();
            long startMs = System.currentTimeMillis();
            clock.scheduleAtFixedRate(new LiveLine(), 1, 1, TimeUnit.SECONDS);
            double connectSeconds = connectAll(connecting, pacer);
            long connectedMs = System.currentTimeMillis();
            boolean early = awaitStop(options.warmup().toNanos(), "warm-up");

            early |= awaitStartAt();
            phase = "measuring";
            LoadStats.Counts atStart = stats.counts();
            long receiverAtStart = receiverCount();
            latency.startMeasuring();
            long measureStart = System.nanoTime();
            long measureStartMs = System.currentTimeMillis();
            early |= awaitStop(options.duration().toNanos(), "measuring");
            latency.stopMeasuring();
            double measuredSeconds = (System.nanoTime() - measureStart) / 1e9;
            LoadPhases phases = new LoadPhases(startMs, connectedMs, measureStartMs, System.currentTimeMillis());
            LoadStats.Counts measured = stats.counts().minus(atStart);
            long receiverAtEnd = receiverCount();

            phase = "draining";
            sending = false;
            pacer.shutdownNow();
            awaitSendsUnderway();
            long receiverAfter = drain(receiverBefore);
            LoadStats.Counts whole = stats.counts();
            long missing = options.echo() ? Math.max(0, whole.sent() - whole.received()) : 0;
            boolean counted = receiverBefore >= 0 && receiverAfter >= 0;
            LoadResult result = new LoadResult(options, whole, measured, connectSeconds, measuredSeconds,
                    latency.measured(), missing, counted ? receiverAfter - receiverBefore : -1,
                    receiverAtStart >= 0 && receiverAtEnd >= 0 ? receiverAtEnd - receiverAtStart : -1,
                    receiver == null ? "no status" : receiver.unavailable(), stats.firstError(), early, phases);
            phase = "closing";
            connections.closeAll(connecting);
            return result;
        } finally {
            clock.shutdownNow();
            pacer.shutdownNow();
            connecting.shutdownNow();
        }
    }

    /** Starts every connection at the ramp's pace; returns when each attempt has opened or failed. */
    private double connectAll(ExecutorService connecting, ScheduledExecutorService pacer) throws InterruptedException {
        CountDownLatch attempted = new CountDownLatch(options.connections());
        double nanosBetween = 1e9 / options.rampPerSecond();
        long giveUp = startNanos + 2 * (long) (options.connections() * nanosBetween) + GIVE_UP_AFTER_RAMP_NANOS;
        for (int i = 0; i < options.connections(); i++) {
            long due = startNanos + (long) (i * nanosBetween);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait); // pacing the ramp, not waiting for an event
            }
            if (stopRequested.getCount() == 0) {
                for (int left = i; left < options.connections(); left++) {
                    attempted.countDown(); // stopped: the rest are never tried
                }
                break;
            }
            InetAddress source = sources.get(i % sources.size());
            connecting.execute(() -> {
                try {
                    if (System.nanoTime() > giveUp) {
                        notAttempted();
                    } else {
                        open(source, pacer);
                    }
                } finally {
                    attempted.countDown();
                }
            });
        }
        attempted.await();
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Counts an attempt that was due so long ago that the server (or the machine) cannot keep up. */
    private void notAttempted() {
        stats.connectFailures.increment();
        stats.error("connect not attempted: the connect phase ran past twice the ramp's time plus "
                + TimeUnit.NANOSECONDS.toSeconds(GIVE_UP_AFTER_RAMP_NANOS) + " s (the server or the machine cannot "
                + "keep up with --ramp " + LoadReport.format(options.rampPerSecond()) + ")");
    }

    private void open(InetAddress source, ScheduledExecutorService pacer) {
        LoadConnection connection = new LoadConnection(stats, options, () -> sending);
        try {
            connector.connect(connection, options.target(), source);
        } catch (Exception e) {
            stats.connectFailures.increment();
            stats.error("connect failed" + (source == null ? "" : " from " + source.getHostAddress()) + ": "
                    + Failures.summary(e));
            return;
        }
        connections.add(connection);
        if (options.pipelined()) {
            connection.startWindow(options.inFlight());
        } else {
            long period = (long) (1e9 / options.ratePerSecond());
            // a random phase spreads the senders over the period, as independent clients would be
            long phaseShift = ThreadLocalRandom.current().nextLong(period);
            pacer.scheduleAtFixedRate(connection::send, phaseShift, period, TimeUnit.NANOSECONDS);
        }
    }

    /** With --start-at: waits, idle, until it is time to connect. */
    private void awaitConnectTime() throws InterruptedException {
        long idle = startAt == null ? 0 : startAt.idleNanos(options, java.time.Instant.now());
        if (idle > 0) {
            progress.accept("waiting until " + java.time.Instant.now().plusNanos(idle) + " to connect, for the "
                    + "measured window at --start-at " + startAt.at());
            awaitStop(idle, "waiting");
        }
    }

    /** With --start-at: keeps the load going, unmeasured, until the window starts; true when stopped early. */
    private boolean awaitStartAt() throws InterruptedException {
        if (startAt == null) {
            return false;
        }
        boolean stopped = awaitStop(startAt.nanosUntil(java.time.Instant.now()), "warm-up until --start-at");
        String late = startAt.lateness(java.time.Instant.now());
        if (late != null) {
            progress.accept(late);
        }
        return stopped;
    }

    /** Waits {@code nanos}, or less when stopped; true when stopped early. */
    private boolean awaitStop(long nanos, String newPhase) throws InterruptedException {
        if (nanos <= 0) {
            return stopRequested.getCount() == 0;
        }
        phase = newPhase;
        return stopRequested.await(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Gives messages still on their way up to 5 s: echoes until all came back, the receiver until its count
     * reaches what was sent. Returns the receiver's final count (-1 when unknown).
     */
    private long drain(long receiverBefore) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_NANOS;
        while (System.nanoTime() < deadline) {
            LoadStats.Counts now = stats.counts();
            if (options.echo() && now.received() >= now.sent()) {
                return -1;
            }
            if (!options.echo()) {
                long count = receiverCount();
                if (count < 0 || receiverBefore < 0 || count - receiverBefore >= now.sent()) {
                    return count;
                }
            }
            Thread.sleep(50); // polling counters that have no event to wait on
        }
        return receiverCount();
    }

    /** Once sending stopped: waits (up to 1 s) for sends that passed their check to be counted. */
    private void awaitSendsUnderway() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (stats.sendsUnderway.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
    }

    private long receiverCount() {
        if (receiver == null || options.echo()) {
            return -1;
        }
        OptionalLong count = receiver.messagesReceived();
        return count.isPresent() ? count.getAsLong() : -1;
    }

    /** The once-a-second line. */
    private final class LiveLine implements Runnable {
        private LoadStats.Counts previous = stats.counts();
        private long previousNanos = System.nanoTime();

        @Override
        public void run() {
            long now = System.nanoTime();
            LoadStats.Counts counts = stats.counts();
            long messages = options.echo() ? counts.received() - previous.received() : counts.sent() - previous.sent();
            double rate = messages / ((now - previousNanos) / 1e9);
            previous = counts;
            previousNanos = now;
            progress.accept(LoadReport.liveLine(Math.round((now - startNanos) / 1e9), phase, counts,
                    options.connections(), rate, latency.forLiveLine()));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
