package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.diagnosis.CheckReport;
import dev.wsprobe.diagnosis.ConnectionCheck;
import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.diagnosis.DiagnosisCode.Step;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.RecordingSenderListener;
import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.TyrusClientConnector;
import dev.wsprobe.testing.TestPki;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The seed's own mistake, ws:// to the TLS port and wss:// to the plain one, with the default timeouts: check and
 * send name it (a probe on a second connection once the peer has been silent, instead of waiting out the
 * timeout). Codes are asserted, not times.
 */
class SchemeMismatchTest {
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private URI wsToTheTlsPort() {
        return URI.create(server.wss("/echo").toString().replaceFirst("^wss:", "ws:"));
    }

    private URI wssToThePlainPort() {
        return URI.create(server.ws("/echo").toString().replaceFirst("^ws:", "wss:"));
    }

    private CheckReport check(URI target) {
        return ConnectionCheck.run(target, new ConnectionCheck.Settings(server.clientTrust(), true,
                Duration.ofSeconds(5), true).probingAfterSilence(ConnectionCheck.QUIET_BEFORE_PROBE));
    }

    @Test
    void checkNamesBothMismatches() {
        CheckReport wssToPlain = check(wssToThePlainPort());
        assertEquals(DiagnosisCode.TLS_NOT_SPOKEN, wssToPlain.failure().orElseThrow().code());
        assertEquals(Step.TLS, wssToPlain.steps().get(wssToPlain.steps().size() - 1).step());
        CheckReport wsToTls = check(wsToTheTlsPort());
        assertEquals(DiagnosisCode.TLS_EXPECTED, wsToTls.failure().orElseThrow().code());
        assertEquals(Step.HANDSHAKE, wsToTls.steps().get(wsToTls.steps().size() - 1).step());
    }

    @Test
    void theProbeWhileConnectingSaysWhatThePortSpeaks() {
        Diagnoser diagnoser = new Diagnoser(server.clientTrust(), true, SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
        assertEquals(DiagnosisCode.TLS_NOT_SPOKEN, diagnoser.schemeMismatch(wssToThePlainPort()).orElseThrow()
                .code());
        assertEquals(DiagnosisCode.TLS_EXPECTED, diagnoser.schemeMismatch(wsToTheTlsPort()).orElseThrow().code());
        assertEquals(Optional.empty(), diagnoser.schemeMismatch(server.ws("/echo")));
        assertEquals(Optional.empty(), diagnoser.schemeMismatch(server.wss("/echo")));
    }

    @Test
    void aTlsPortThatAlsoAnswersPlainHttpIsNoMismatch() throws Exception {
        TestPki pki = new TestPki();
        SSLContext context = pki.serverContext(pki.serverIdentity("localhost"));
        try (ServerSocket port = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> answerLikeNginx(port, context, true), "nginx-like");
            acceptor.setDaemon(true);
            acceptor.start();
            Diagnoser diagnoser = new Diagnoser(pki.trustingClientContext(), true,
                    SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
            assertEquals(Optional.empty(), diagnoser.schemeMismatch(URI.create("wss://localhost:"
                    + port.getLocalPort() + "/")), "it speaks TLS: a slow handshake there is not a wrong scheme");
        }
    }

    /**
     * The same port overloaded: its TLS handshakes take longer than any probe waits (here: forever), while its
     * HTTP 400 to a plain request still comes at once. A soak behind nginx showed it: the sender's probe took the
     * silence for "not TLS" and gave up for good on a URL that was right.
     */
    @Test
    void anOverloadedTlsPortThatAnswersPlainHttpWith400IsNoMismatch() throws Exception {
        TestPki pki = new TestPki();
        try (ServerSocket port = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> answerLikeNginx(port, null, false), "overloaded-nginx-like");
            acceptor.setDaemon(true);
            acceptor.start();
            URI target = URI.create("wss://localhost:" + port.getLocalPort() + "/");
            Diagnoser diagnoser = new Diagnoser(pki.trustingClientContext(), true,
                    SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
            assertEquals(Optional.empty(), diagnoser.schemeMismatch(target),
                    "an HTTP 400 to plain HTTP is what TLS ports answer: no proof of a wrong scheme");
            CheckReport report = ConnectionCheck.run(target, new ConnectionCheck.Settings(pki.trustingClientContext(),
                    true, Duration.ofSeconds(2), false));
            assertEquals(DiagnosisCode.HANDSHAKE_TIMEOUT, report.failure().orElseThrow().code(),
                    report.failure().orElseThrow().toString());
        }
    }

    /**
     * As nginx's TLS port: TLS to a client hello (or, when {@code handshakes} is false, silence until the client
     * gives up, as when overloaded), an HTTP 400 to a plain request.
     */
    private static void answerLikeNginx(ServerSocket port, SSLContext context, boolean handshakes) {
        while (!port.isClosed()) {
            try {
                Socket client = port.accept();
                // one thread a connection: a check probes on a second connection while its first one still waits
                Thread answer = new Thread(() -> answerOne(client, context, handshakes), "nginx-like-connection");
                answer.setDaemon(true);
                answer.start();
            } catch (IOException e) {
                // the end
            }
        }
    }

    private static void answerOne(Socket connection, SSLContext context, boolean handshakes) {
        try (Socket client = connection) {
            client.setSoTimeout(5000);
            InputStream in = client.getInputStream();
            int first = in.read();
            if (first == 0x16 && !handshakes) {
                client.setSoTimeout(0);
                in.transferTo(OutputStream.nullOutputStream()); // silent until the client hangs up
            } else if (first == 0x16) {
                SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(client,
                        new ByteArrayInputStream(new byte[] {(byte) first}), true);
                tls.setUseClientMode(false);
                tls.startHandshake();
                tls.close();
            } else {
                client.getOutputStream().write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Test
    void sendFailsWithTheMismatchNamed() throws Exception {
        assertEquals(DiagnosisCode.TLS_NOT_SPOKEN, send(wssToThePlainPort(), server.clientTls()));
        assertEquals(DiagnosisCode.TLS_EXPECTED, send(wsToTheTlsPort(), null));
    }

    private DiagnosisCode send(URI target, ClientTls tls) throws Exception {
        SenderOptions options = SenderOptions.defaults(target).withCount(1)
                .withRetry(RetryPolicy.NEVER, SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
        Diagnoser diagnoser = tls == null ? new Diagnoser(null, true, options.handshakeTimeout())
                : new Diagnoser(tls.context(), tls.verifyHostName(), options.handshakeTimeout());
        try (TyrusClientConnector connector = new TyrusClientConnector(tls, target, options.handshakeTimeout())) {
            SenderResult result = new PeriodicSender(options, connector, scheduler, new RecordingSenderListener(),
                    Clock.systemUTC(), diagnoser).start().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(Kind.FAILED, result.finalState().kind());
            return result.finalState().diagnosis().code();
        }
    }
}
