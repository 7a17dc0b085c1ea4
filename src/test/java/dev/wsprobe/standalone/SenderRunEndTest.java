package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.RecordingSenderListener;
import dev.wsprobe.tyrus.TyrusClientConnector;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** How a run with {@code --count} ends, against a real server: after the server's answer, judged by its close. */
class SenderRunEndTest {
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);
    private final FirstTickAtOnce scheduler = new FirstTickAtOnce();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private SenderResult run(SenderOptions options) throws Exception {
        try (TyrusClientConnector connector = server.connector(options.target())) {
            return new PeriodicSender(options, connector, scheduler, new RecordingSenderListener(),
                    Clock.systemUTC()).start().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aLastMessageTheServerRefusesWith1009FailsTheRun() throws Exception {
        URI echo = server.ws("/echo");
        String tooBig = "x".repeat(server.maxMessageBytes() + 1000);
        SenderResult result = run(SenderOptions.defaults(echo).withCount(1)
                .withTiming(Duration.ofMillis(10), Duration.ofSeconds(1)).withTemplate(tooBig, false));
        assertEquals(1, result.attempted(), "the message was sent once");
        // its send completes either way: sent when Tyrus wrote it all before the 1009, failed when the server's
        // close came while it was still writing (a race the server wins under load)
        assertEquals(1, result.sent() + result.sendFailures(), result.toString());
        assertEquals(Kind.FAILED, result.finalState().kind(), result.toString());
        assertEquals(DiagnosisCode.SERVER_CLOSED_PERMANENT, result.finalState().diagnosis().code());
    }

    @Test
    void aRunTheServerTakesCompletes() throws Exception {
        SenderResult result = run(SenderOptions.defaults(server.ws("/echo")).withCount(3)
                .withTiming(Duration.ofMillis(10), Duration.ofMillis(10)));
        assertEquals(Kind.CANCELLED, result.finalState().kind(), result.toString());
        assertEquals(3, result.sent());
    }

    @Test
    void aFirstTickAtOnceFindsTheSenderReady() throws Exception {
        SenderResult result = run(SenderOptions.defaults(server.ws("/receive")).withCount(2)
                .withTiming(Duration.ZERO, Duration.ofMillis(10)));
        assertEquals(0, result.skipped(), result.toString());
        assertEquals(2, result.sent());
        assertEquals(Kind.CANCELLED, result.finalState().kind());
    }

    /**
     * Runs a fixed-rate task with no initial delay once at once, in the scheduling thread, then at its rate: the
     * earliest a first tick can come, so a sender that schedules its ticks before it is ready always skips it.
     */
    private static final class FirstTickAtOnce extends ScheduledThreadPoolExecutor {
        FirstTickAtOnce() {
            super(2);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                TimeUnit unit) {
            if (initialDelay == 0) {
                command.run();
                return super.scheduleAtFixedRate(command, period, period, unit);
            }
            return super.scheduleAtFixedRate(command, initialDelay, period, unit);
        }
    }
}
