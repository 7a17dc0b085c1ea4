package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.FakePeers;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RecordingSenderListener;
import dev.wsprobe.testing.StatusDocument;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver follows message numbers per sender; with acknowledgements, a receiver restart loses nothing. */
class SequenceTrackingTest {
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void receiverCountsGapsLateArrivalsAndDuplicatesPerSender() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0))) {
            String sender = "gappy-" + System.nanoTime();
            URI target = URI.create("ws://127.0.0.1:" + server.port() + "/receive?wsprobe-sender=" + sender
                    + "&wsprobe-ack=1");
            JdkSocket client = JdkSocket.connect(target, null);
            for (int n : new int[] {1, 2, 5}) {
                client.sendText("Hello Cruel World #" + n);
                assertEquals("ack #" + n, client.nextText());
            }
            assertEquals(2, server.context().sequences().missing(sender), "#3 and #4 are missing");
            jakarta.json.JsonObject sequences = StatusDocument.read(
                    URI.create("http://127.0.0.1:" + server.port() + "/status")).json().getJsonObject("sequences");
            assertTrue(sequences.getJsonNumber("missing").longValue() >= 2, "/status shows the gap: " + sequences);
            assertTrue(sequences.getInt("senders") >= 1, sequences.toString());
            long duplicatesBefore = server.context().sequences().duplicates();
            client.sendText("Hello Cruel World #3");
            client.sendText("Hello Cruel World #2");
            assertEquals("ack #3", client.nextText());
            assertEquals("ack #2", client.nextText());
            assertEquals(1, server.context().sequences().missing(sender), "#3 arrived late, #4 is still missing");
            assertEquals(duplicatesBefore + 1, server.context().sequences().duplicates());
            assertEquals(1000, client.closeNormally().code());
        }
    }

    @Test
    void withAcknowledgementsEveryNumberArrivesAfterAReceiverThatLostEverythingIsReplaced() throws Exception {
        int lost = 5;
        int count = 20;
        FakePeers.Peer forgetful = FakePeers.swallowThenLeave(lost);
        int port = forgetful.port();
        URI target = URI.create("ws://127.0.0.1:" + port + "/receive");
        SenderOptions options = SenderOptions.defaults(target).withCount(count)
                .withTiming(Duration.ofMillis(20), Duration.ofMillis(50))
                .withRetry(new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(300), -1), Duration.ofSeconds(2))
                .withAcknowledgements(true);
        RecordingSenderListener listener = new RecordingSenderListener();
        try (TyrusClientConnector connector = new TyrusClientConnector(null, target, options.handshakeTimeout())) {
            PeriodicSender sender = new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC());
            CompletableFuture<SenderResult> outcome = sender.start();
            listener.awaitState(Kind.WAITING); // the forgetful receiver left with 1001
            forgetful.close();
            try (StandaloneServer replacement = StandaloneServer.start(ServerOptions.plain("127.0.0.1", port))) {
                SenderResult result = outcome.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(Kind.CANCELLED, result.finalState().kind(), result.finalState().toString());
                assertTrue(result.resent() >= lost, "resent " + result.resent());
                assertEquals(0, result.unacknowledged());
                assertEquals(count, replacement.context().sequences().highest(sender.senderId()));
                assertEquals(0, replacement.context().sequences().missing(sender.senderId()),
                        "every number from 1 to " + count + " arrived at least once");
            }
        }
    }
}
