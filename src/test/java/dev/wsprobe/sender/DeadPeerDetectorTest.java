package dev.wsprobe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.Diagnosis;
import dev.wsprobe.diagnosis.DiagnosisCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat's logic, driven by hand: the timers are an hour long so they never fire during a test, and the
 * test calls what they would call ({@code pingNow}, {@code checkNow}). {@code SenderHeartbeatTest} runs it for real.
 */
class DeadPeerDetectorTest {
    private static final Heartbeat HOURLY = new Heartbeat(Duration.ofHours(1), Duration.ofHours(1));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> pings = new CopyOnWriteArrayList<>();
    private final AtomicInteger deaths = new AtomicInteger();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private DeadPeerDetector watching() {
        DeadPeerDetector detector = new DeadPeerDetector(HOURLY, scheduler);
        detector.watch(payload -> pings.add(StandardCharsets.US_ASCII.decode(payload).toString()),
                deaths::incrementAndGet);
        return detector;
    }

    @Test
    void anUnansweredPingMakesTheConnectionDeadOnce() {
        DeadPeerDetector detector = watching();
        long number = detector.pingNow();
        assertEquals(List.of("1"), pings);
        assertTrue(detector.checkNow(number));
        assertFalse(detector.checkNow(number), "reported dead once");
        assertEquals(1, deaths.get());
        assertEquals(0, detector.pingNow(), "a dead connection is no longer pinged");
    }

    @Test
    void onlyOnePingIsOutstandingAtATime() {
        DeadPeerDetector detector = watching();
        detector.pingNow();
        assertEquals(0, detector.pingNow());
        assertEquals(List.of("1"), pings);
    }

    @Test
    void anythingFromThePeerAnswersThePing() {
        DeadPeerDetector detector = watching();
        long first = detector.pingNow();
        detector.heardFromPeer();
        assertFalse(detector.checkNow(first));
        assertEquals(2, detector.pingNow(), "the next round pings again");
        assertEquals(0, deaths.get());
    }

    @Test
    void aStoppedOrReplacedWatchReportsNothing() {
        DeadPeerDetector detector = watching();
        long number = detector.pingNow();
        detector.stop();
        assertFalse(detector.checkNow(number));
        detector.watch(payload -> pings.add("new"), deaths::incrementAndGet);
        assertFalse(detector.checkNow(number), "the old connection's ping does not count against the new one");
        assertEquals(0, deaths.get());
    }

    @Test
    void aPingThatCannotBeSentLeavesTheVerdictToTheClose() {
        DeadPeerDetector detector = new DeadPeerDetector(HOURLY, scheduler);
        detector.watch(payload -> {
            throw new IOException("closing");
        }, deaths::incrementAndGet);
        assertEquals(1, detector.pingNow());
        assertEquals(0, detector.pingNow(), "no new ping while the failed one is outstanding");
        assertEquals(0, deaths.get());
    }

    @Test
    void offMeansNoWatch() {
        DeadPeerDetector detector = new DeadPeerDetector(Heartbeat.OFF, scheduler);
        detector.watch(payload -> pings.add("x"), deaths::incrementAndGet);
        assertEquals(0, detector.pingNow());
        assertTrue(pings.isEmpty());
    }

    @Test
    void noPongIsADroppedConnectionInPlainWords() {
        Diagnosis diagnosis = DeadPeerDetector.noPong(new Heartbeat(Duration.ofSeconds(30), Duration.ofSeconds(10)));
        assertEquals(DiagnosisCode.CONNECTION_DROPPED, diagnosis.code());
        assertEquals("no pong within 10 s: the server is gone without a close", diagnosis.cause());
    }
}
