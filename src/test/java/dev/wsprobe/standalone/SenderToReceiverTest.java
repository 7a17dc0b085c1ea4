package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.MessageTemplate;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.ReceivedMessages;
import dev.wsprobe.testing.RecordingSenderListener;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The periodic sender against the receiver: what one sends, the other counts, over ws and wss. */
class SenderToReceiverTest {
    private static final Duration FAST = Duration.ofMillis(100);
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @ParameterizedTest(name = "secure={0}, binary={1}")
    @CsvSource({"false,false", "true,false", "false,true", "true,true"})
    void receiverCountsWhatTheSenderSentThenSenderEndsCancelled(boolean secure, boolean binary) throws Exception {
        URI target = server.url(secure, "/receive");
        SenderOptions options = SenderOptions.defaults(target).withTiming(FAST, FAST).withCount(3)
                .withTemplate("Hello Cruel World {date} #{n} ü", binary);
        RecordingSenderListener listener = new RecordingSenderListener();

        SenderResult result;
        try (ReceivedMessages received = new ReceivedMessages(server.context().receiver());
                TyrusClientConnector connector = server.connector(target)) {
            result = new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC())
                    .start().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);

            for (int i = 1; i <= 3; i++) {
                RecordingSenderListener.Send send = Await.next(listener.sends, "send " + i + " reported");
                assertNull(send.error(), "send " + i + " reported an error");
                ReceivedMessages.Message message = received.next();
                assertEquals(send.sizeBytes(), message.sizeBytes(), "size of message " + i);
                assertEquals(binary, message.binary());
            }
            assertTrue(received.messages.isEmpty(), "exactly three messages");
        }
        assertEquals(List.of(Kind.PREPARING, Kind.READY, Kind.CANCELLED), listener.kinds());
        assertEquals(3, result.sent());
        assertEquals(0, result.sendFailures());
    }

    @Test
    void byDefaultFirstMessageLeavesOneSecondAfterReadyAndCarriesTheSeedText() throws Exception {
        URI target = server.ws("/receive");
        RecordingSenderListener listener = new RecordingSenderListener();
        try (TyrusClientConnector connector = server.connector(target)) {
            SenderOptions options = SenderOptions.defaults(target).withCount(1);
            assertEquals(MessageTemplate.DEFAULT, options.template());
            new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC())
                    .start().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        RecordingSenderListener.Send first = Await.next(listener.sends, "the first send reported");
        long afterReady = first.atNanos() - listener.readyAtNanos;
        assertTrue(afterReady >= Duration.ofMillis(950).toNanos(),
                "first send " + Duration.ofNanos(afterReady).toMillis() + " ms after ready, expected about 1 s");
        // "Hello Cruel World " + 2026-11-26T00:59:01.123Z + " #1": 18 + 24 + 3 characters
        assertEquals(45, first.sizeBytes());
    }
}
