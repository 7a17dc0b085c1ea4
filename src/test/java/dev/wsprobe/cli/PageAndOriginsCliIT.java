package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The packaged jar serves the test page, and its --allowed-origins flag decides which pages may connect. */
class PageAndOriginsCliIT {
    private static final Pattern PLAIN_PORT = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/");

    private static int port(JarProcess server) throws InterruptedException {
        String ready = server.awaitLine(line -> line.contains("listener state did change, new: ready"), "ready");
        Matcher match = PLAIN_PORT.matcher(ready);
        assertTrue(match.find(), ready);
        return Integer.parseInt(match.group(1));
    }

    @Test
    void serverServesTheTestPageAtItsRootAsHtml() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0")) {
            int port = port(server);
            server.awaitLine(line -> line.contains("test page: http://127.0.0.1:" + port + "/"), "the page's URL");
            // HTTP/1.1 as a browser asks for a page: the JDK's default adds "Upgrade: h2c", and Grizzly then
            // leaves out the Content-Type of any response (it skips its header preparation for upgrades)
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(""));
            assertTrue(page.body().contains("<title>wsprobe test page</title>"), page.body());

            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/nothing-here")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
        }
    }

    @Test
    void allowedOriginsLetsListedPagesInAndRefusesOthersWith403AndOneLogLine() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0",
                "--allowed-origins", "http://tools.test:8080")) {
            URI echo = URI.create("ws://127.0.0.1:" + port(server) + "/echo");
            try (RawWebSocket listed = RawWebSocket.connect(echo, null, Map.of("Origin", "http://tools.test:8080"))) {
                assertEquals(101, listed.handshake().status());
            }
            try (RawWebSocket other = RawWebSocket.connect(echo, null, Map.of("Origin", "http://evil.test"))) {
                assertEquals(403, other.handshake().status());
            }
            String refusal = server.awaitLine(line -> line.contains("HTTP 403, origin"),
                    "the refusal");
            assertTrue(refusal.contains("origin http://evil.test is not allowed") && refusal.contains("--allowed-origins"),
                    refusal);
            try (RawWebSocket noOrigin = RawWebSocket.connect(echo, null, Map.of())) {
                assertEquals(101, noOrigin.handshake().status(), "clients without Origin are always let in");
            }
        }
    }

    @Test
    void badAllowedOriginsIsOneLineAndExitCode2() throws Exception {
        try (JarProcess run = JarProcess.start("server", "--allowed-origins", "localhost:3000")) {
            assertEquals(2, run.exitCode());
            List<String> errors = run.stderrLines();
            assertEquals(1, errors.size(), run.stderr());
            assertTrue(errors.get(0).contains("'localhost:3000' is not an origin"), errors.get(0));
        }
    }
}
