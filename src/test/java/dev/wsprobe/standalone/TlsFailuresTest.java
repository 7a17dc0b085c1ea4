package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.RecordingSenderListener;
import dev.wsprobe.testing.TestPki;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A sender that must not trust the server fails at once (no retries: retrying cannot fix trust) with a TLS
 * diagnosis, instead of hanging or connecting.
 */
class TlsFailuresTest {
    /** Far below Tyrus' 30 s connect timeout: a hang would show. */
    private static final long FAST_SECONDS = 10;
    private static TestServer localhostOnly;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @BeforeAll
    static void start() throws Exception {
        localhostOnly = new TestServer("localhost");
    }

    @AfterAll
    static void stop() {
        localhostOnly.close();
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void certificateFromAnUnknownAuthorityFailsTheSender() throws Exception {
        ClientTls trustingAnotherCa = ClientTls.verifying(new TestPki().trustingClientContext());

        RecordingSenderListener listener = new RecordingSenderListener();
        SenderResult result = send(localhostOnly.wss("/receive"), trustingAnotherCa, listener);

        assertEquals(List.of(ConnectionState.Kind.PREPARING, ConnectionState.Kind.FAILED), listener.kinds());
        assertEquals(DiagnosisCode.CERTIFICATE_UNTRUSTED, result.finalState().diagnosis().code());
        assertEquals("server certificate for localhost is not trusted (issued by CN=wsprobe test CA,"
                + "O=wsprobe development, an unknown CA)", result.finalState().diagnosis().cause());
    }

    @Test
    void certificateForAnotherNameFailsTheSender() throws Exception {
        URI byAddress = URI.create("wss://127.0.0.1:" + localhostOnly.server.tlsPort().orElseThrow() + "/receive");

        RecordingSenderListener listener = new RecordingSenderListener();
        SenderResult result = send(byAddress, localhostOnly.clientTls(), listener);

        assertEquals(List.of(ConnectionState.Kind.PREPARING, ConnectionState.Kind.FAILED), listener.kinds());
        assertEquals(DiagnosisCode.HOST_NAME_MISMATCH, result.finalState().diagnosis().code());
        assertEquals("certificate is for \"localhost\" but you connected to \"127.0.0.1\"",
                result.finalState().diagnosis().cause());
    }

    @Test
    void theSameServerIsTrustedThroughItsCertificatesName() throws Exception {
        RecordingSenderListener listener = new RecordingSenderListener();
        SenderResult result = send(localhostOnly.wss("/receive"), localhostOnly.clientTls(), listener);

        assertEquals(ConnectionState.Kind.CANCELLED, result.finalState().kind(), result.finalState().toString());
        assertEquals(1, result.sent());
    }

    private SenderResult send(URI target, ClientTls tls, RecordingSenderListener listener) throws Exception {
        SenderOptions options = SenderOptions.defaults(target).withCount(1)
                .withTiming(Duration.ZERO, Duration.ofMillis(100));
        Diagnoser diagnoser = new Diagnoser(tls.context(), tls.verifyHostName(), options.handshakeTimeout());
        try (TyrusClientConnector connector = new TyrusClientConnector(tls, target, options.handshakeTimeout())) {
            return new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC(), diagnoser)
                    .start().get(FAST_SECONDS, TimeUnit.SECONDS);
        }
    }
}
