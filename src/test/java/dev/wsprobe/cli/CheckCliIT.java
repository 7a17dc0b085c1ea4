package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.FakePeers;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JettyAuthServer;
import dev.wsprobe.testing.Tinyproxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wsprobe check} sends the client options and names each failure class for real: a Jetty server that wants
 * a bearer token and the subprotocol {@code chat}, tinyproxy with and without credentials and with a port rule,
 * and a web server that redirects.
 */
class CheckCliIT {
    private final String token = "tok-" + UUID.randomUUID();
    private JettyAuthServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws Exception {
        server = new JettyAuthServer(token);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    private JarProcess check(Map<String, String> environment, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return JarProcess.start(environment, all);
    }

    @Test
    void withTheTokenAndTheSubprotocolEveryStepPassesAndTheAgreementIsShown() throws Exception {
        try (JarProcess run = check(Map.of("WSPROBE_BEARER_TOKEN", token), "-s", "mqtt", "-s", "chat",
                "--origin", "https://app.example.com", server.ws().toString())) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("agreed: subprotocol chat, extensions none"), run.stdout());
            JettyAuthServer.Upgrade seen = Await.next(server.upgrades, "the upgrade request");
            assertEquals("Bearer " + token, seen.authorization());
            assertEquals(List.of("mqtt", "chat"), seen.subprotocols());
            assertEquals("https://app.example.com", seen.origin());
        }
        try (JarProcess run = check(Map.of("WSPROBE_BEARER_TOKEN", token), "--json", "--compress", "-s", "chat",
                server.ws().toString())) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("\"subprotocol\":\"chat\",\"extensions\":[\"permessage-deflate\"]"),
                    run.stdout());
        }
    }

    @Test
    void withoutTheTokenTheMissingCredentialsAreNamedWithTheirScheme() throws Exception {
        try (JarProcess run = check(Map.of(), "-s", "chat", server.ws().toString())) {
            assertEquals(CheckCommand.HANDSHAKE_FAILED, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("diagnosis: CREDENTIALS_MISSING: the server answered HTTP 401 to the "
                    + "upgrade: it requires credentials (Bearer) and none were sent"), run.stdout());
            assertTrue(run.stdout().contains("try: give the token: --bearer-token-file FILE"), run.stdout());
        }
        try (JarProcess run = check(Map.of("WSPROBE_BEARER_TOKEN", token + "x"), "-s", "chat",
                server.ws().toString())) {
            assertEquals(CheckCommand.HANDSHAKE_FAILED, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("diagnosis: CREDENTIALS_REFUSED"), run.stdout());
            assertFalse(run.stdout().contains(token), run.stdout());
        }
    }

    @Test
    void withoutTheSubprotocolItIsNamedAsRequiredAndAWrongOneAsNotAgreed() throws Exception {
        try (JarProcess run = check(Map.of("WSPROBE_BEARER_TOKEN", token), server.ws().toString())) {
            assertEquals(CheckCommand.HANDSHAKE_FAILED, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("diagnosis: SUBPROTOCOL_REQUIRED: the server answered HTTP 400 to the "
                    + "upgrade: it requires a subprotocol and none was offered"), run.stdout());
            assertTrue(run.stdout().contains("subprotocol chat is required"), "the server's own words:\n"
                    + run.stdout());
        }
        try (JarProcess run = check(Map.of("WSPROBE_BEARER_TOKEN", token), "-s", "mqtt", server.ws().toString())) {
            assertEquals(CheckCommand.HANDSHAKE_FAILED, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("diagnosis: SUBPROTOCOL_NOT_AGREED: the server answered HTTP 400 to the "
                    + "upgrade: it accepts none of the subprotocols offered (mqtt)"), run.stdout());
        }
    }

    @Test
    void verbosePrintsBothHeadsWithTheSecretsMasked() throws Exception {
        try (JarProcess run = check(Map.of("WSPROBE_BEARER_TOKEN", token), "-v", "-H", "Cookie: session=" + token,
                "-s", "chat", server.ws().toString())) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            String out = run.stdout();
            assertTrue(out.contains("  > GET / HTTP/1.1") && out.contains("  > Authorization: ***")
                    && out.contains("  > Cookie: ***") && out.contains("  > Sec-WebSocket-Protocol: chat"), out);
            assertTrue(out.contains("  < HTTP/1.1 101 Switching Protocols")
                    && out.toLowerCase().contains("  < sec-websocket-protocol: chat"), out);
            assertFalse((out + run.stderr()).contains(token), out);
        }
    }

    @Test
    void throughTinyproxyTheTunnelIsAStepAndItsRefusalsAreNamed() throws Exception {
        Tinyproxy.require();
        String proxyPassword = "pw-" + UUID.randomUUID();
        Map<String, String> env = Map.of("WSPROBE_BEARER_TOKEN", token);
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("open"), null, null)) {
            try (JarProcess run = check(Map.of("WSPROBE_BEARER_TOKEN", token, "http_proxy", proxy.url()), "-s", "chat",
                    server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
                assertTrue(run.stdout().contains("tunnel to 127.0.0.1:" + server.port() + " through the proxy"),
                        run.stdout());
            }
            assertTrue(proxy.log().contains("CONNECT 127.0.0.1:" + server.port()), proxy.log());
            try (JarProcess run = check(env, "--proxy", proxy.url(), "-s", "chat",
                    "ws://127.0.0.1:" + FakePeers.closedPort() + "/")) {
                assertEquals(CheckCommand.CONNECT_FAILED, run.exitCode(), run.stdout() + run.stderr());
                assertTrue(run.stdout().contains("diagnosis: PROXY_TARGET_UNREACHABLE"), run.stdout());
            }
        }
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("auth"), "probe", proxyPassword)) {
            try (JarProcess run = check(env, "--proxy", proxy.url(), "-s", "chat", server.ws().toString())) {
                assertEquals(CheckCommand.CONNECT_FAILED, run.exitCode(), run.stdout() + run.stderr());
                assertTrue(run.stdout().contains("diagnosis: PROXY_AUTH_REQUIRED: the proxy answered HTTP 407 to "
                        + "CONNECT 127.0.0.1:" + server.port() + ": it wants credentials (Basic)"), run.stdout());
            }
            Path credentials = Files.writeString(dir.resolve("proxy-auth"), "probe:" + proxyPassword + "\n");
            try (JarProcess run = check(env, "-v", "--proxy", proxy.url(), "--proxy-auth-file",
                    credentials.toString(), "-s", "chat", server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
                assertTrue(run.stdout().contains("  > Proxy-Authorization: ***"), run.stdout());
                assertFalse((run.stdout() + run.stderr()).contains(proxyPassword), run.stdout());
            }
        }
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("ports"), null, null, "ConnectPort 443");
                JarProcess run = check(env, "--proxy", proxy.url(), "-s", "chat", server.ws().toString())) {
            assertEquals(CheckCommand.CONNECT_FAILED, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("diagnosis: PROXY_REFUSED: the proxy answered HTTP 403 to CONNECT"),
                    run.stdout());
        }
        try (JarProcess run = check(env, "--proxy", "http://127.0.0.1:" + FakePeers.closedPort(), "-s", "chat",
                server.ws().toString())) {
            assertEquals(CheckCommand.CONNECT_FAILED, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("diagnosis: PROXY_UNREACHABLE: cannot reach the proxy"), run.stdout());
        }
    }

    @Test
    void aRedirectShowsWhereItPointsAsAWebSocketUrl() throws Exception {
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Location", "https://example.test/socket");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        web.start();
        try (JarProcess run = check(Map.of(), "ws://127.0.0.1:" + web.getAddress().getPort() + "/old")) {
            assertEquals(CheckCommand.HANDSHAKE_FAILED, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("diagnosis: REDIRECTED: the server answered HTTP 302 to the upgrade: a "
                    + "redirect to https://example.test/socket"), run.stdout());
            assertTrue(run.stdout().contains("use wss://example.test/socket"), run.stdout());
        } finally {
            web.stop(0);
        }
    }
}
