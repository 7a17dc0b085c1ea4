package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.Heartbeat;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.server.SessionKeeper;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.CuttableProxy;
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

/** A sender notices a server gone without a close (cut network) by its unanswered ping, and goes waiting. */
class SenderHeartbeatTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aCutNetworkTakesTheSenderFromReadyToWaiting() throws Exception {
        SessionKeeper serverDoesNotPing = new SessionKeeper(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withConfig(config -> config.withKeeper(serverDoesNotPing)));
                CuttableProxy cable = new CuttableProxy(server.port())) {
            URI target = URI.create("ws://127.0.0.1:" + cable.port() + "/receive");
            SenderOptions options = SenderOptions.defaults(target)
                    .withTiming(Duration.ofMillis(50), Duration.ofMillis(100))
                    .withRetry(new RetryPolicy(Duration.ofMillis(200), Duration.ofMillis(400), -1),
                            Duration.ofSeconds(1))
                    // pings every 0.2 s; a pong timeout of 2 s, so that a busy machine does not time a ping out
                    // while the cable is whole
                    .withHeartbeat(new Heartbeat(Duration.ofMillis(200), Duration.ofSeconds(2)));
            RecordingSenderListener listener = new RecordingSenderListener();
            try (TyrusClientConnector connector = new TyrusClientConnector(null, target,
                    options.handshakeTimeout())) {
                PeriodicSender sender = new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC());
                CompletableFuture<SenderResult> outcome = sender.start();
                listener.awaitState(Kind.READY);
                // several ping rounds pass while the cable is whole
                Await.until(() -> listener.sends.size() >= 5, "a few sends");
                // no false timeout before the cut: it would go waiting, and its waiting would satisfy the wait below
                assertEquals(java.util.List.of(Kind.PREPARING, Kind.READY), listener.kinds(),
                        "states before the cut: " + listener.states);
                listener.stateQueue.clear(); // the next state awaited comes after the cut

                cable.cut();
                ConnectionState waiting = listener.awaitState(Kind.WAITING);
                assertEquals(DiagnosisCode.CONNECTION_DROPPED, waiting.diagnosis().code(), waiting.toString());
                assertEquals("no pong within 2 s: the server is gone without a close", waiting.diagnosis().cause());

                sender.cancel();
                SenderResult result = outcome.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(Kind.CANCELLED, result.finalState().kind());
            }
        }
    }
}
