package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.ReceivedMessages;
import dev.wsprobe.testing.RecordingSenderListener;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sender rides out a server restart: waiting while it is gone, ready again when it is back. */
class ReconnectTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void senderWaitsWhileTheServerIsDownCountsSkippedSendsAndResumesWhenItIsBack() throws Exception {
        StandaloneServer first = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0));
        int port = first.port();
        URI target = URI.create("ws://127.0.0.1:" + port + "/receive");
        SenderOptions options = SenderOptions.defaults(target)
                .withTiming(Duration.ofMillis(50), Duration.ofMillis(100))
                .withRetry(new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(400), -1), Duration.ofSeconds(2));
        RecordingSenderListener listener = new RecordingSenderListener();

        try (TyrusClientConnector connector = new TyrusClientConnector(null, target, options.handshakeTimeout());
                ReceivedMessages received = new ReceivedMessages(first.context().receiver())) {
            PeriodicSender sender = new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC());
            CompletableFuture<SenderResult> outcome = sender.start();
            listener.awaitState(Kind.READY);
            received.next();

            first.stop(Duration.ofSeconds(2));
            ConnectionState wentAway = listener.awaitState(Kind.WAITING);
            assertEquals(DiagnosisCode.SERVER_CLOSED_TRANSIENT, wentAway.diagnosis().code(), wentAway.toString());
            assertTrue(wentAway.diagnosis().cause().contains("1001 (going away)"), wentAway.toString());
            ConnectionState refused = listener.awaitState(Kind.WAITING);
            assertEquals(DiagnosisCode.CONNECTION_REFUSED, refused.diagnosis().code(), refused.toString());
            Await.until(() -> listener.skipped.get() >= 3, "sends to be skipped while the server is down");

            StandaloneServer second = StandaloneServer.start(ServerOptions.plain("127.0.0.1", port));
            try (ReceivedMessages receivedBySecond = new ReceivedMessages(second.context().receiver())) {
                listener.awaitState(Kind.READY);
                receivedBySecond.next(); // the receiver hears from the sender again

                sender.cancel();
                SenderResult result = outcome.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(Kind.CANCELLED, result.finalState().kind());
                assertTrue(result.skipped() >= 3, "skipped " + result.skipped());
            } finally {
                second.stop(Duration.ofSeconds(2));
            }
        }
    }

    @Test
    void permanentFailureEndsAtOnceWithoutRetrying() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0))) {
            URI wrongPath = URI.create("ws://127.0.0.1:" + server.port() + "/nope");
            SenderOptions options = SenderOptions.defaults(wrongPath); // unlimited retries, if it were transient
            RecordingSenderListener listener = new RecordingSenderListener();
            try (TyrusClientConnector connector = new TyrusClientConnector(null, wrongPath,
                    options.handshakeTimeout())) {
                SenderResult result = new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC())
                        .start().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(java.util.List.of(Kind.PREPARING, Kind.FAILED), listener.kinds());
                assertEquals(DiagnosisCode.HTTP_CLIENT_ERROR, result.finalState().diagnosis().code());
            }
        }
    }
}
