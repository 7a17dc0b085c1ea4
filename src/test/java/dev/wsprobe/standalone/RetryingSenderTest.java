package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.sender.ClientConnector;
import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.RetryingSender;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.server.ServerEndpoints;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.ReceivedMessages;
import dev.wsprobe.testing.RecordingSenderListener;
import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sender the WAR runs unattended: failures become waiting(error) and a retry, until it is stopped. */
class RetryingSenderTest {
    private static final Duration FAST = Duration.ofMillis(100);
    private static TestServer server;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void failedConnectionsAreRetriedUntilOneIsReadyThenItSendsUntilStopped() throws Exception {
        URI target = server.ws("/receive");
        AtomicInteger attempts = new AtomicInteger();
        RecordingSenderListener listener = new RecordingSenderListener();
        try (TyrusClientConnector client = new TyrusClientConnector(null, target);
                ReceivedMessages received = new ReceivedMessages(ServerEndpoints.RECEIVER)) {
            ClientConnector refusedTwice = (endpoint, uri) -> {
                if (attempts.incrementAndGet() <= 2) {
                    throw new ConnectException("Connection refused");
                }
                client.connect(endpoint, uri);
            };
            RetryingSender sender = new RetryingSender(SenderOptions.defaults(target).withTiming(FAST, FAST),
                    refusedTwice, scheduler, listener, Clock.systemUTC(), FAST);
            sender.start();

            for (int i = 1; i <= 3; i++) {
                assertNull(Await.next(listener.sends, "send " + i).error(), "send " + i);
                received.next();
            }
            assertEquals(Kind.READY, sender.status().state().kind());
            assertTrue(sender.status().sent() >= 3, "sent " + sender.status().sent());
            assertEquals(0, sender.status().sendFailures());

            sender.stop().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(ConnectionState.CANCELLED, sender.status().state());
        }
        assertEquals(3, attempts.get(), "two refused, the third connected");
        List<Kind> expected = List.of(Kind.PREPARING, Kind.WAITING, Kind.PREPARING, Kind.WAITING, Kind.PREPARING,
                Kind.READY, Kind.CANCELLED);
        assertEquals(expected, listener.kinds(), "states: " + listener.states);
        assertEquals("waiting(Connection refused)", listener.states.get(1).toString());
    }

    @Test
    void stoppedWhileWaitingItEndsCancelledAndTriesNoMore() throws Exception {
        URI target = server.ws("/receive");
        AtomicInteger attempts = new AtomicInteger();
        RecordingSenderListener listener = new RecordingSenderListener();
        ClientConnector alwaysRefused = (endpoint, uri) -> {
            attempts.incrementAndGet();
            throw new ConnectException("Connection refused");
        };
        RetryingSender sender = new RetryingSender(SenderOptions.defaults(target), alwaysRefused, scheduler,
                listener, Clock.systemUTC(), Duration.ofMinutes(5));
        sender.start();
        Await.until(() -> sender.status().state().kind() == Kind.WAITING, "waiting after the refusal");

        sender.stop();
        assertEquals(ConnectionState.CANCELLED, sender.status().state());
        assertEquals(List.of(Kind.PREPARING, Kind.WAITING, Kind.CANCELLED), listener.kinds());
        assertEquals(1, attempts.get());
    }
}
