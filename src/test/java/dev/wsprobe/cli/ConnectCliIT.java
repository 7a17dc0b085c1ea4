package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JarServer;
import dev.wsprobe.testing.JettyAuthServer;
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
 * {@code wsprobe connect} (and {@code send}) against a server nobody here wrote that asks for what real services
 * ask for: a bearer token and the subprotocol {@code chat} (Jetty 12). The jar runs as a real process, its stdin a
 * pipe, as {@code echo hi | wsprobe connect ...}.
 */
class ConnectCliIT {
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

    @Test
    void pipePrintsTheEchoFromAServerThatWantsATokenAndASubprotocol() throws Exception {
        try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token),
                "connect", "-s", "chat", server.ws().toString()).input("hi\n")) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertEquals("hi\n", run.stdout(), "stdout carries the payloads only");
            assertTrue(run.stderr().contains("subprotocol: chat"), run.stderr());
            assertTrue(run.stderr().contains("closed: 1000"), run.stderr());
            assertEquals("Bearer " + token, Await.next(server.upgrades, "the upgrade request").authorization());
        }
    }

    @Test
    void executeSendsEachMessageAndJsonLinesCarryTimeAndEvent() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
        try (JarProcess run = JarProcess.start("connect", "--json", "--bearer-token-file", tokenFile.toString(),
                "-s", "mqtt", "-s", "chat", "-x", "one", "-x", "two", server.ws().toString())) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            List<String> lines = run.stdout().lines().toList();
            assertTrue(lines.get(0).matches("\\{\"time\":\"[^\"]+Z\",\"event\":\"open\",.*\"subprotocol\":\"chat\".*"),
                    run.stdout());
            assertTrue(lines.stream().anyMatch(line -> line.contains("\"event\":\"received\"")
                    && line.contains("\"data\":\"two\"")), run.stdout());
            assertTrue(lines.get(lines.size() - 1).contains("\"event\":\"close\",\"code\":1000"), run.stdout());
            assertEquals(List.of("mqtt", "chat"), Await.next(server.upgrades, "the upgrade").subprotocols());
        }
    }

    @Test
    void originIsChosenOrLeftOutAndCompressionIsOfferedAndReported() throws Exception {
        try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token), "connect", "--origin",
                "https://app.example.com", "--compress", "-s", "chat", "-x", "squeeze me", server.ws().toString())) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertEquals("squeeze me\n", run.stdout());
            assertTrue(run.stderr().contains("extensions: permessage-deflate"), run.stderr());
            assertEquals("https://app.example.com", Await.next(server.upgrades, "the upgrade").origin());
        }
        try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token), "connect", "--origin", "none",
                "-s", "chat", "-x", "hi", server.ws().toString())) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stderr().contains("extensions: none"), run.stderr());
            assertEquals(null, Await.next(server.upgrades, "the upgrade").origin());
        }
    }

    @Test
    void theServersCloseCodeAndReasonAreReportedAndAnAbnormalCloseIsExitCode8() throws Exception {
        try (JarServer wsprobe = JarServer.launch("server", Map.of()).awaitReady();
                JarProcess run = JarProcess.start("connect", "--wait", "10s",
                        "ws://127.0.0.1:" + wsprobe.port() + "/echo").input("x".repeat(70_000) + "\n")) {
            assertEquals(ConnectCommand.CLOSED_ABNORMALLY, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().isBlank(), "nothing was echoed");
            assertTrue(run.stderr().contains("the server closed the connection: 1009 (too big), reason: message too "
                    + "big: 70000 bytes"), run.stderr());
        }
    }

    @Test
    void withoutTheTokenItFailsAndSaysCredentialsAreMissing() throws Exception {
        try (JarProcess run = JarProcess.start("connect", "-s", "chat", "-x", "hi", server.ws().toString())) {
            assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().isBlank(), run.stdout());
            assertTrue(run.stderr().contains("HTTP 401") && run.stderr().contains("wants credentials"), run.stderr());
            assertFalse(run.stderr().contains("Exception"), run.stderr());
        }
    }

    @Test
    void withoutTheSubprotocolTheServersRefusalIsShown() throws Exception {
        try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token),
                "connect", "-x", "hi", server.ws().toString())) {
            assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stderr().contains("HTTP 400") && run.stderr().contains("subprotocol"), run.stderr());
        }
    }

    @Test
    void theTokenNeverAppearsInAnyOutputOfAnyCommand() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
        String url = server.ws().toString();
        StringBuilder everything = new StringBuilder();
        // from the environment, verbose, JSON; from a file; on the command line (warned about, still not printed)
        List<List<String>> runs = List.of(
                List.of("connect", "--verbose", "--json", "-s", "chat", "-x", "hi", url),
                List.of("connect", "--verbose", "--bearer-token-file", tokenFile.toString(), "-s", "chat", "-x",
                        "hi", url),
                List.of("connect", "--verbose", "-H", "Authorization: Bearer " + token, "-s", "chat", "-x", "hi", url),
                List.of("connect", "--verbose", "--json", "-H", "Authorization: Bearer " + token + "x", "-s",
                        "chat", "-x", "hi", url),
                List.of("send", "--verbose", "--no-sequence", "--count", "1", "--delay", "0", "-s", "chat", url),
                List.of("send", "--verbose", "-H", "Cookie: session=" + token, "-H", "Authorization: Bearer "
                        + token, "--count", "1", "--max-retries", "0", url),
                List.of("check", "--verbose", "--json", "-H", "Authorization: Bearer " + token, url),
                List.of("check", "-v", "-s", "chat", url),
                List.of("check", "-v", "--json", "-H", "Cookie: id=" + token, "-s", "chat", url));
        for (List<String> args : runs) {
            try (JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", token),
                    args.toArray(String[]::new))) {
                int exit = run.exitCode();
                everything.append(String.join(" ", args).replace(token, "<token>")).append(" => exit ")
                        .append(exit).append('\n').append(run.stdout()).append(run.stderr());
            }
        }
        String all = everything.toString();
        assertFalse(all.contains(token), "the token was printed:\n" + all);
        assertTrue(all.contains("process list"), "a token on the command line is warned about:\n" + all);
        assertTrue(all.contains("send --verbose --no-sequence --count 1 --delay 0 -s chat " + url + " => exit 0"),
                "send with the token from the environment reaches the server:\n" + all);
        assertTrue(all.contains("check -v -s chat " + url + " => exit 0") && all.contains("> Authorization: ***"),
                "check sends the token from the environment, and -v shows it masked:\n" + all);
    }
}
