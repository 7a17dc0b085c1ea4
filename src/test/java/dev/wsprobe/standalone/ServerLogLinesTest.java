package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ConnectionLimits;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.LogCapture;
import dev.wsprobe.testing.PlainHttp;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.testing.TestPki;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the standalone server's log says about what clients do, as an operator reads it. */
class ServerLogLinesTest {
    private final Logger gateLogger = Logger.getLogger(HandshakeGate.class.getName());
    private Level gateLevel;
    private LogCapture log;

    @BeforeEach
    void capture() {
        gateLevel = gateLogger.getLevel();
        gateLogger.setLevel(Level.FINE); // to see that idle connections are logged at debug, not that they vanish
        log = new LogCapture();
    }

    @AfterEach
    void release() {
        log.close();
        gateLogger.setLevel(gateLevel);
    }

    @Test
    void anIdleConnectionIsDebugAndAPartialRequestAWarning() throws Exception {
        ConnectionLimits quick = new ConnectionLimits(0, 0, Duration.ofMillis(300));
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withConfig(config -> config.withLimits(quick)));
                RawWebSocket idle = RawWebSocket.open(URI.create("ws://127.0.0.1:" + server.port() + "/"));
                RawWebSocket partial = RawWebSocket.open(URI.create("ws://127.0.0.1:" + server.port() + "/"))) {
            partial.write("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            assertTrue(idle.closedByServerWithin(Await.PATIENCE) && partial.closedByServerWithin(Await.PATIENCE));
            String idleLine = log.await(line -> line.contains("that sent nothing within 300 ms"), "the idle line");
            assertTrue(idleLine.startsWith("FINE "), "a preconnect is normal, not a warning: " + idleLine);
            String partialLine = log.await(line -> line.contains("that sent an incomplete request within 300 ms"),
                    "the partial request line");
            assertTrue(partialLine.startsWith("WARNING "), partialLine);
        }
    }

    @Test
    void aWrongPathIsLoggedOnceInAWhile() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0))) {
            URI base = URI.create("http://127.0.0.1:" + server.port());
            for (int i = 0; i < 3; i++) {
                PlainHttp.Response response = PlainHttp.exchange(base, "GET /nope HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: close\r\n\r\n");
                assertEquals(404, response.status());
            }
            String line = log.await(text -> text.contains("HTTP 404 for GET /nope from 127.0.0.1"), "the 404 line");
            assertTrue(line.startsWith("WARNING ") && line.contains("the test page is at /"), line);
            assertEquals(1, log.lines().stream().filter(text -> text.contains("HTTP 404 for GET /nope")).count(),
                    "three wrong requests in a row make one line: " + log.lines());
        }
    }

    @Test
    void anUpgradeToAWrongPathIsLoggedAsSuch() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0))) {
            URI wrongEndpoint = URI.create("ws://127.0.0.1:" + server.port() + "/recieve");
            assertEquals(404, PlainHttp.exchange(wrongEndpoint, PlainHttp.upgrade(wrongEndpoint, "/recieve")).status());
            String line = log.await(text -> text.contains("HTTP 404 for GET /recieve from 127.0.0.1 (a WebSocket "
                    + "upgrade)"), "the upgrade's 404 line");
            assertTrue(line.contains("/receive and /echo"), line);
        }
    }

    @Test
    void plainHttpOnTheTlsPortIsLogged() throws Exception {
        TestPki pki = new TestPki();
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withTls(0, pki.serverContext(pki.serverIdentity("localhost", "127.0.0.1"))));
                Socket plain = new Socket("127.0.0.1", server.tlsPort().orElseThrow())) {
            plain.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.getOutputStream().flush();
            String line = log.await(text -> text.contains("a plain HTTP request (not TLS) arrived on the TLS port"),
                    "the plain-on-TLS line");
            assertTrue(line.startsWith("WARNING ") && line.contains("from 127.0.0.1:") && line.contains("https://"),
                    line);
        }
    }

    @Test
    void ipv6PeersAreWrittenInTheCompressedForm() throws Exception {
        InetAddress loopback6 = InetAddress.getByName("::1");
        Assumptions.assumeTrue(loopback6 instanceof Inet6Address && NetworkInterface.getByInetAddress(loopback6) != null,
                "this machine has no IPv6 loopback");
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("::1", 0))) {
            JdkSocket client = JdkSocket.connect(URI.create("ws://[::1]:" + server.port() + "/echo"), null);
            String accepted = log.await(line -> line.contains("listener did accept connection"), "the accept line");
            assertTrue(accepted.contains(" ::1]") || accepted.contains(" [::1]:"), "compressed: " + accepted);
            assertTrue(log.lines().stream().noneMatch(line -> line.contains("0:0:0:0:0:0:0:1")), log.lines().toString());
            assertEquals(1000, client.closeNormally().code());
        }
    }
}
