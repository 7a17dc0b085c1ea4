package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.ClientConnector;
import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.FakePeers;
import dev.wsprobe.testing.RecordingSenderListener;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender as the WAR runs it, unattended ({@link RetryPolicy#persistent()}): it never gives up, not even on
 * a failure that looks permanent, reports its status, and stops cleanly when the application stops.
 */
class UnattendedSenderTest {
    private static final Duration FAST = Duration.ofMillis(100);
    private static final RetryPolicy UNATTENDED_FAST = new RetryPolicy(FAST, FAST, -1, true);
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aPermanentLookingFailureIsRetriedAndStatusShowsIt() throws Exception {
        try (FakePeers.Peer web = FakePeers.plainHttp()) {
            URI notAWebSocket = URI.create("ws://127.0.0.1:" + web.port() + "/receive");
            RecordingSenderListener listener = new RecordingSenderListener();
            try (TyrusClientConnector connector = server.connector(notAWebSocket)) {
                PeriodicSender sender = new PeriodicSender(options(notAWebSocket), connector, scheduler, listener,
                        Clock.systemUTC());
                CompletableFuture<SenderResult> outcome = sender.start();
                ConnectionState first = listener.awaitState(Kind.WAITING);
                assertEquals(DiagnosisCode.NOT_WEBSOCKET, first.diagnosis().code());
                listener.awaitState(Kind.WAITING); // and again: it does not give up
                assertEquals(Kind.WAITING, sender.status().state().kind());

                sender.cancel();
                assertEquals(Kind.CANCELLED, outcome.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)
                        .finalState().kind());
            }
        }
    }

    @Test
    void statusCountsSendsWhileReady() throws Exception {
        URI target = server.ws("/receive");
        RecordingSenderListener listener = new RecordingSenderListener();
        try (TyrusClientConnector connector = server.connector(target)) {
            PeriodicSender sender = new PeriodicSender(options(target), connector, scheduler, listener,
                    Clock.systemUTC());
            CompletableFuture<SenderResult> outcome = sender.start();
            for (int i = 1; i <= 3; i++) {
                assertNull(Await.next(listener.sends, "send " + i).error(), "send " + i);
            }
            assertEquals(ConnectionState.READY, sender.status().state());
            assertEquals(target, sender.status().target());
            assertTrue(sender.status().sent() >= 3, "sent " + sender.status().sent());
            assertEquals(0, sender.status().sendFailures());
            sender.cancel();
            outcome.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(ConnectionState.CANCELLED, sender.status().state());
        }
    }

    @Test
    void stoppedWhileWaitingItEndsCancelledAndTriesNoMore() throws Exception {
        URI target = server.ws("/receive");
        AtomicInteger attempts = new AtomicInteger();
        ClientConnector alwaysRefused = (endpoint, uri) -> {
            attempts.incrementAndGet();
            throw new ConnectException("Connection refused");
        };
        RecordingSenderListener listener = new RecordingSenderListener();
        SenderOptions slowRetries = options(target).withRetry(
                new RetryPolicy(Duration.ofMinutes(5), Duration.ofMinutes(5), -1, true), Duration.ofSeconds(2));
        PeriodicSender sender = new PeriodicSender(slowRetries, alwaysRefused, scheduler, listener, Clock.systemUTC());
        CompletableFuture<SenderResult> outcome = sender.start();
        listener.awaitState(Kind.WAITING);

        sender.cancel();
        assertEquals(Kind.CANCELLED, outcome.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS).finalState().kind());
        assertEquals(List.of(Kind.PREPARING, Kind.WAITING, Kind.CANCELLED), listener.kinds());
        assertEquals(1, attempts.get());
    }

    private static SenderOptions options(URI target) {
        return SenderOptions.defaults(target).withTiming(FAST, FAST).withRetry(UNATTENDED_FAST, Duration.ofSeconds(2));
    }
}
