package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.CheckReport;
import dev.wsprobe.diagnosis.CheckStep;
import dev.wsprobe.diagnosis.ConnectionCheck;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.diagnosis.DiagnosisCode.Step;
import dev.wsprobe.testing.FakePeers;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code wsprobe check}'s engine: every step against a healthy server, the failing step against a broken one. */
class ConnectionCheckTest {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CheckReport check(URI target) {
        return ConnectionCheck.run(target, new ConnectionCheck.Settings(
                target.getScheme().equals("wss") ? server.pki.trustingClientContext() : null, true,
                Duration.ofSeconds(2), true));
    }

    private static List<Step> steps(CheckReport report) {
        return report.steps().stream().map(CheckStep::step).toList();
    }

    @Test
    void healthyWsEchoPassesEveryStep() {
        CheckReport report = check(server.ws("/echo"));
        assertTrue(report.ok(), report.toJson());
        assertEquals(List.of(Step.RESOLVE, Step.CONNECT, Step.HANDSHAKE, Step.WEBSOCKET), steps(report));
        assertTrue(report.steps().stream().allMatch(CheckStep::ok));
        assertTrue(report.steps().get(3).detail().startsWith("echo round trip "), report.toJson());
    }

    @Test
    void healthyWssReceiverPassesEveryStepWithAPingPong() {
        CheckReport report = check(server.wss("/receive"));
        assertTrue(report.ok(), report.toJson());
        assertEquals(List.of(Step.RESOLVE, Step.CONNECT, Step.TLS, Step.HANDSHAKE, Step.WEBSOCKET), steps(report));
        String tls = report.steps().get(2).detail();
        assertTrue(tls.startsWith("TLSv1.3 ") || tls.startsWith("TLSv1.2 "), tls);
        assertTrue(tls.contains("names: localhost, 127.0.0.1") && tls.contains("trusted, name matches"), tls);
        assertTrue(tls.endsWith("; server accepts TLSv1.3, TLSv1.2"), tls);
        assertTrue(report.steps().get(4).detail().startsWith("ping/pong round trip "), report.toJson());
    }

    @Test
    void eachFailureNamesItsStep() throws Exception {
        int tlsPort = server.server.tlsPort().orElseThrow();
        assertFailsAt(check(URI.create("ws://127.0.0.1:" + FakePeers.closedPort() + "/")), Step.CONNECT,
                DiagnosisCode.CONNECTION_REFUSED);
        assertFailsAt(check(URI.create("ws://exmaple.test/")), Step.RESOLVE, DiagnosisCode.UNKNOWN_HOST);
        assertFailsAt(check(URI.create("ws://localhost:" + tlsPort + "/echo")), Step.HANDSHAKE,
                DiagnosisCode.TLS_EXPECTED);
        assertFailsAt(check(URI.create("wss://localhost:" + server.server.port() + "/echo")), Step.TLS,
                DiagnosisCode.TLS_NOT_SPOKEN);
        CheckReport withoutTheTestCa = ConnectionCheck.run(server.wss("/echo"),
                new ConnectionCheck.Settings(null, true, Duration.ofSeconds(2), true));
        assertFailsAt(withoutTheTestCa, Step.TLS, DiagnosisCode.CERTIFICATE_UNTRUSTED);
        assertFailsAt(check(server.ws("/recieve")), Step.HANDSHAKE, DiagnosisCode.HTTP_CLIENT_ERROR);
        try (FakePeers.Peer web = FakePeers.plainHttp()) {
            assertFailsAt(check(URI.create("ws://127.0.0.1:" + web.port() + "/")), Step.HANDSHAKE,
                    DiagnosisCode.NOT_WEBSOCKET);
        }
        try (FakePeers.Peer silent = FakePeers.silentTcp()) {
            assertFailsAt(check(URI.create("ws://127.0.0.1:" + silent.port() + "/")), Step.HANDSHAKE,
                    DiagnosisCode.HANDSHAKE_TIMEOUT);
        }
    }

    @Test
    void anUpgradeThatIsNeverAnsweredIsAnExchangeTimeoutOfTheWebSocketStep() throws Exception {
        try (FakePeers.Peer silent = FakePeers.upgradeThenSilence()) {
            CheckReport echo = check(URI.create("ws://127.0.0.1:" + silent.port() + "/echo"));
            assertFailsAt(echo, Step.WEBSOCKET, DiagnosisCode.EXCHANGE_TIMEOUT);
            assertEquals("no echo within 2 s", echo.steps().get(echo.steps().size() - 1).detail());
            assertEquals("the connection opened but no echo came back within 2 s", echo.failure().get().cause());
            CheckReport ping = check(URI.create("ws://127.0.0.1:" + silent.port() + "/receive"));
            assertFailsAt(ping, Step.WEBSOCKET, DiagnosisCode.EXCHANGE_TIMEOUT);
            assertEquals("no pong within 2 s", ping.steps().get(ping.steps().size() - 1).detail());
        }
    }

    private static void assertFailsAt(CheckReport report, Step step, DiagnosisCode code) {
        assertFalse(report.ok(), report.toJson());
        CheckStep last = report.steps().get(report.steps().size() - 1);
        assertEquals(step, last.step(), report.toJson());
        assertFalse(last.ok());
        assertTrue(report.steps().subList(0, report.steps().size() - 1).stream().allMatch(CheckStep::ok));
        assertEquals(code, report.failure().orElseThrow().code(), report.toJson());
    }
}
