package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A step waiting on a silent peer is cut short once a probe on the side finds out what the silence means. */
class SilenceWatchTest {
    private static final Duration QUIET = Duration.ofMillis(50);

    @Test
    void aProbeThatAnswersYesClosesTheWaitingSocket() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket waiting = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
                Socket accepted = silent.accept()) {
            waiting.setSoTimeout(60_000); // only the watch can end this read in time (hang guard: the surefire run)
            SilenceWatch watch = SilenceWatch.start(waiting, QUIET, () -> true);
            assertThrows(IOException.class, () -> waiting.getInputStream().read());
            assertTrue(watch.stop(), "the probe's answer explains the failure");
            assertTrue(waiting.isClosed());
        }
    }

    @Test
    void aProbeThatLearnsNothingLeavesTheStepAlone() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket waiting = new Socket(InetAddress.getLoopbackAddress(), silent.getLocalPort());
                Socket accepted = silent.accept()) {
            AtomicInteger probes = new AtomicInteger();
            SilenceWatch watch = SilenceWatch.start(waiting, QUIET, () -> probes.incrementAndGet() < 0);
            waiting.setSoTimeout(500);
            assertThrows(java.net.SocketTimeoutException.class, () -> waiting.getInputStream().read());
            assertFalse(watch.stop());
            assertEquals(1, probes.get(), "the probe ran once the step had been silent");
            assertFalse(waiting.isClosed());
        }
    }

    @Test
    void aStepThatEndsInTimeIsNeverProbed() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        try (Socket unused = new Socket()) {
            SilenceWatch watch = SilenceWatch.start(unused, Duration.ofSeconds(30), () -> probes.incrementAndGet() > 0);
            watch.cancel();
            assertFalse(watch.stop());
        }
        assertEquals(0, probes.get());
    }

    @Test
    void withoutAQuietTimeThereIsNoWatch() throws Exception {
        try (Socket unused = new Socket()) {
            assertFalse(SilenceWatch.start(unused, null, () -> true).stop());
        }
    }
}
