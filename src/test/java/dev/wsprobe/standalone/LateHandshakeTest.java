package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wsprobe.sender.ClientConnector;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.ReceivedMessages;
import dev.wsprobe.testing.RecordingSenderListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A handshake that completes just as the sender stops waiting for it (seen on a loaded machine behind nginx:
 * the connect times out at 5 s while the upgrade is answered). Whichever comes first, the sender must end up
 * with exactly one connection and a state that matches it: no {@code waiting} for a connection that is open,
 * and no second, forgotten connection left open on the server.
 */
class LateHandshakeTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void connectionThatOpensAsItsWaitTimesOutIsKept() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0));
                ReceivedMessages received = new ReceivedMessages(server.context().receiver())) {
            URI target = URI.create("ws://127.0.0.1:" + server.port() + "/receive");
            SenderOptions options = options(target);
            RecordingSenderListener listener = new RecordingSenderListener();
            try (TyrusClientConnector real = new TyrusClientConnector(null, target, options.handshakeTimeout())) {
                AtomicBoolean first = new AtomicBoolean(true);
                ClientConnector openedThenTimedOut = (endpoint, uri) -> {
                    real.connect(endpoint, uri); // open: the sender is ready
                    if (first.getAndSet(false)) {
                        throw timedOut(); // ... and the wait for it ran out at the same moment
                    }
                };
                // One thread: the first message can only be sent once the connection task, with its handling of
                // the timeout, has finished; so when a message arrives, that handling is over.
                ScheduledExecutorService oneThread = Executors.newSingleThreadScheduledExecutor();
                PeriodicSender sender = new PeriodicSender(options, openedThenTimedOut, oneThread, listener,
                        Clock.systemUTC());
                try {
                    sender.start();
                    listener.awaitState(Kind.READY);
                    received.next();
                    assertEquals(List.of(Kind.PREPARING, Kind.READY), listener.kinds());
                    assertEquals(Kind.READY, sender.state().kind());
                    assertEquals(1, server.openWebSocketConnections());
                    sender.cancel();
                } finally {
                    oneThread.shutdownNow();
                }
            }
        }
    }

    @Test
    void connectionThatOpensAfterItsAttemptWasGivenUpIsClosed() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0));
                ReceivedMessages received = new ReceivedMessages(server.context().receiver())) {
            URI target = URI.create("ws://127.0.0.1:" + server.port() + "/receive");
            SenderOptions options = options(target);
            RecordingSenderListener listener = new RecordingSenderListener();
            CountDownLatch openLate = new CountDownLatch(1);
            CountDownLatch lateAttemptDone = new CountDownLatch(1);
            try (TyrusClientConnector real = new TyrusClientConnector(null, target, options.handshakeTimeout())) {
                ClientConnector timedOutThenOpened = firstAttemptGivenUpThenAnsweredLate(real, target, openLate,
                        lateAttemptDone);
                PeriodicSender sender = new PeriodicSender(options, timedOutThenOpened, scheduler, listener,
                        Clock.systemUTC());
                sender.start();
                listener.awaitState(Kind.WAITING);
                openLate.countDown();
                Await.latch(lateAttemptDone, "the late handshake");

                assertOnlyTheRetryConnected(server, received, listener);
                sender.cancel();
            }
        }
    }

    /**
     * The window between the two cases above: the attempt's failure was taken (the state still said preparing)
     * and is being diagnosed, which probes the server for up to two seconds, when its connection opens. The
     * sender must close that connection, not take it as ready and then go waiting with it still open (the
     * connection the server would hold for no one until its idle timeout, seen behind nginx on a loaded machine).
     */
    @Test
    void connectionThatOpensWhileItsFailureIsDiagnosedIsClosed() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0));
                ReceivedMessages received = new ReceivedMessages(server.context().receiver());
                ServerSocket hungServer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI real = URI.create("ws://127.0.0.1:" + server.port() + "/receive");
            // The sender's URL names a server that accepts and never answers, so the diagnosis of the failed
            // attempt (a probe of that URL) takes its whole timeout; every connection really goes to the real one.
            URI hung = URI.create("ws://127.0.0.1:" + hungServer.getLocalPort() + "/receive");
            CountDownLatch diagnosing = new CountDownLatch(1);
            List<Socket> probes = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        probes.add(hungServer.accept());
                        diagnosing.countDown();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "hung-server");
            acceptor.setDaemon(true);
            acceptor.start();
            SenderOptions options = options(hung);
            RecordingSenderListener listener = new RecordingSenderListener();
            CountDownLatch lateAttemptDone = new CountDownLatch(1);
            try (TyrusClientConnector connector = new TyrusClientConnector(null, real, options.handshakeTimeout())) {
                ClientConnector failedThenOpenedDuringTheDiagnosis = firstAttemptGivenUpThenAnsweredLate(connector,
                        real, diagnosing, lateAttemptDone);
                PeriodicSender sender = new PeriodicSender(options, failedThenOpenedDuringTheDiagnosis, scheduler,
                        listener, Clock.systemUTC());
                sender.start();
                Await.latch(lateAttemptDone, "the late handshake");
                listener.awaitState(Kind.WAITING);

                assertOnlyTheRetryConnected(server, received, listener);
                sender.cancel();
            } finally {
                for (Socket probe : probes) {
                    probe.close();
                }
            }
        }
    }

    /**
     * The sender is ready on its retry's connection, the only one the server holds: the late connection was
     * closed and never made the sender ready (nor waiting again).
     */
    private static void assertOnlyTheRetryConnected(StandaloneServer server, ReceivedMessages received,
            RecordingSenderListener listener) throws InterruptedException {
        listener.awaitState(Kind.READY);
        received.messages.clear();
        received.next();
        Await.until(() -> server.openWebSocketConnections() == 1, "one connection on the server (the late one closed)");
        List<Kind> kinds = listener.kinds();
        assertEquals(List.of(Kind.PREPARING, Kind.WAITING, Kind.PREPARING, Kind.READY),
                kinds.subList(0, Math.min(4, kinds.size())), kinds.toString());
        assertFalse(kinds.subList(4, kinds.size()).contains(Kind.WAITING), kinds.toString());
    }

    /**
     * Connects every attempt to {@code target}, except that the first one is given up at once (as a timeout)
     * while its handshake goes on: it completes once {@code answer} opens, then {@code done} opens.
     */
    private static ClientConnector firstAttemptGivenUpThenAnsweredLate(TyrusClientConnector real, URI target,
            CountDownLatch answer, CountDownLatch done) {
        AtomicBoolean first = new AtomicBoolean(true);
        return (endpoint, uri) -> {
            if (!first.getAndSet(false)) {
                real.connect(endpoint, target);
                return;
            }
            Thread late = new Thread(() -> {
                try {
                    Await.latch(answer, "the moment to answer the first handshake");
                    real.connect(endpoint, target); // the first attempt's handshake, answered late
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    done.countDown();
                }
            }, "late-handshake");
            late.start();
            throw timedOut();
        };
    }

    private static SenderOptions options(URI target) {
        return SenderOptions.defaults(target)
                .withTiming(Duration.ofMillis(50), Duration.ofMillis(100))
                .withRetry(new RetryPolicy(Duration.ofMillis(200), Duration.ofMillis(400), -1), Duration.ofSeconds(2));
    }

    /** What {@link TyrusClientConnector} throws when the handshake does not complete in time. */
    private static IOException timedOut() {
        return new IOException("not connected within 2000 ms", new TimeoutException());
    }
}
