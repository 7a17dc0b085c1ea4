package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JettyAuthServer;
import dev.wsprobe.testing.Tinyproxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients through a real HTTP CONNECT proxy (Debian's tinyproxy, run by the test on loopback), with and
 * without proxy credentials, given by flag or by the environment variables curl reads.
 */
class ProxyCliIT {
    private final String token = "tok-" + UUID.randomUUID();
    private final String proxyPassword = "pw-" + UUID.randomUUID();
    private JettyAuthServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws Exception {
        Tinyproxy.require();
        server = new JettyAuthServer(token);
    }

    @AfterEach
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connectThroughTheProxyGivenByFlag() throws Exception {
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("open"), null, null);
                JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token), "connect", "--proxy",
                        proxy.url(), "-s", "chat", server.ws().toString()).input("hi\n")) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertEquals("hi\n", run.stdout());
            assertTrue(proxy.log().contains("CONNECT 127.0.0.1:" + server.port()), proxy.log());
        }
    }

    @Test
    void theProxyVariablesAreReadAsCurlReadsThemAndNoProxyGoesDirect() throws Exception {
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("env"), null, null)) {
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token, "http_proxy", proxy.url()),
                    "connect", "-s", "chat", "-x", "via", server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
                assertEquals("via\n", run.stdout());
                assertTrue(run.stderr().contains("through the proxy " + proxy.url()), run.stderr());
            }
            assertTrue(proxy.log().contains("CONNECT 127.0.0.1:" + server.port()), proxy.log());
            String before = proxy.log();
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token, "HTTP_PROXY", proxy.url(),
                    "NO_PROXY", "localhost,127.0.0.1"), "connect", "-s", "chat", "-x", "direct",
                    server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
                assertEquals("direct\n", run.stdout());
            }
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token, "HTTP_PROXY", proxy.url()),
                    "connect", "--no-proxy", "-s", "chat", "-x", "direct", server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            }
            assertEquals(before, proxy.log(), "NO_PROXY and --no-proxy go direct");
        }
    }

    @Test
    void proxyCredentialsFromAFileAreSentAndWithoutThemTheProxyRefuses() throws Exception {
        Path credentials = Files.writeString(dir.resolve("proxy-auth"), "probe:" + proxyPassword + "\n");
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("auth"), "probe", proxyPassword)) {
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token), "connect", "--verbose",
                    "--proxy", proxy.url(), "--proxy-auth-file", credentials.toString(), "-s", "chat", "-x", "hi",
                    server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
                assertEquals("hi\n", run.stdout());
                assertFalse((run.stdout() + run.stderr()).contains(proxyPassword), run.stderr());
            }
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token,
                    "WSPROBE_PROXY_AUTH", "probe:" + proxyPassword), "connect", "--proxy", proxy.url(), "-s", "chat",
                    "-x", "env", server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
                assertEquals("env\n", run.stdout());
            }
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token), "connect", "--proxy",
                    proxy.url(), "-s", "chat", "-x", "hi", server.ws().toString())) {
                assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
                assertTrue(run.stdout().isBlank(), run.stdout());
                assertTrue(run.stderr().contains("the proxy answered HTTP 407 to CONNECT")
                        && run.stderr().contains("--proxy-auth-file"), run.stderr());
            }
        }
    }

    @Test
    void sendAndLoadGoThroughTheProxyToo() throws Exception {
        try (Tinyproxy proxy = Tinyproxy.start(dir.resolve("send"), null, null)) {
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token), "send", "--proxy",
                    proxy.url(), "--no-sequence", "-s", "chat", "--count", "1", "--delay", "10ms",
                    server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
                assertTrue(run.stdout().contains("1 received"), run.stdout());
                assertTrue(run.stdout().contains("negotiated subprotocol: chat, extensions: none"), run.stdout());
            }
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token), "load", "--mode", "echo",
                    "--proxy", proxy.url(), "-s", "chat", "--connections", "2", "--duration", "1s",
                    server.ws().toString())) {
                assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            }
            long tunnels = proxy.log().lines().filter(line -> line.contains("CONNECT 127.0.0.1:" + server.port()))
                    .count();
            assertEquals(3, tunnels, proxy.log());
        }
    }
}
