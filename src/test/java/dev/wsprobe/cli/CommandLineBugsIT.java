package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JarServer;
import dev.wsprobe.testing.JettyAuthServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Mistakes a new user makes on the command line: each is one clear line and exit code 2, never a stack trace. */
class CommandLineBugsIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "send ws://localhost:99999/receive, port must be 1-65535",
        "check ws://localhost:99999/receive, port must be 1-65535",
        "load ws://localhost:-1/echo, port must be 1-65535",
        "connect ws://localhost:0/echo, port must be 1-65535",
        "send ws://localhost:0/receive, port must be 1-65535",
        "send --interval 0 ws://localhost:1/, the interval must be positive",
        "send --count -1 ws://localhost:1/, count must be 0",
        "send --max-retries -5 ws://localhost:1/, max retries",
        "demo --count -1, --count must be at least 1",
        "demo --count 0, --count must be at least 1",
        "check --timeout 0 ws://localhost:1/, --timeout must be more than 0",
        "connect --wait -1 ws://localhost:1/, is not a duration",
        "connect -H NoColon ws://localhost:1/, --header wants",
        "connect -H Sec-WebSocket-Protocol:chat ws://localhost:1/, -s/--subprotocol",
        "connect --origin ftp:/x ws://localhost:1/, --origin wants",
        "send --proxy socks5://127.0.0.1:1080 ws://localhost:1/, only http:// proxies",
        "load --mode both ws://localhost:1/, --mode must be echo",
    })
    void badValueIsOneLineAndExitCode2(String commandLine, String expected) throws Exception {
        String[] args = commandLine.split(" ");
        try (JarProcess run = JarProcess.start(args)) {
            assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
            assertEquals(1, run.stderrLines().size(), run.stderr());
            assertTrue(run.stderr().contains(expected), run.stderr());
            assertFalse(run.stderr().contains("ArgSpec") || run.stderr().contains("Exception"), run.stderr());
        }
    }

    @ParameterizedTest(name = "wsprobe {0} --help")
    @ValueSource(strings = {"server", "connect", "send", "check", "load", "demo", "health"})
    void helpHasNoFormattingWarnings(String subcommand) throws Exception {
        try (JarProcess help = JarProcess.start(subcommand, "--help")) {
            assertEquals(0, help.exitCode());
            assertFalse((help.stdout() + help.stderr()).contains("[picocli WARN]"), help.stdout() + help.stderr());
            assertTrue(help.stdout().startsWith("Usage: wsprobe " + subcommand), help.stdout());
        }
    }

    @Test
    void healthAcceptsVerboseAsEveryCommandDoes() throws Exception {
        try (JarProcess run = JarProcess.start("health", "--verbose", "--timeout", "1s", "http://127.0.0.1:1/status")) {
            assertEquals(1, run.exitCode(), "unhealthy (nothing listens), not a usage error: " + run.stderr());
        }
    }

    @Test
    void aRunToItsCountSaysItCompletedAndTakesAnHourLongInterval() throws Exception {
        try (JettyAuthServer server = new JettyAuthServer("t0ken");
                JarProcess run = JarProcess.start(Map.of("WSPROBE_BEARER_TOKEN", "t0ken"), "send", "-s", "chat",
                        "--count", "1", "--delay", "10ms", "--interval", "1h", "--no-sequence",
                        server.ws().toString())) {
            assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
            List<String> lines = run.stdout().lines().toList();
            String summary = lines.get(lines.size() - 1);
            assertTrue(summary.contains("run completed: all 1 message sent"), summary);
            assertTrue(run.stdout().contains("will start, target: " + server.ws() + "\n"), run.stdout());
            assertFalse(run.stdout().contains("wsprobe-sender="), "--no-sequence leaves the URL as given");
        }
    }

    @Test
    void aLastMessageTheServerClosesWith1009ForFailsTheRun() throws Exception {
        try (JarServer wsprobe = JarServer.launch("server", Map.of()).awaitReady();
                JarProcess run = JarProcess.start("send", "--count", "1", "--delay", "0s", "--max-retries", "0",
                        "--text", "x".repeat(70_000), "ws://127.0.0.1:" + wsprobe.port() + "/echo")) {
            assertEquals(1, run.exitCode(), run.stdout() + run.stderr());
            assertTrue(run.stdout().contains("failed(the server closed the connection: 1009 (too big)"),
                    run.stdout().replaceAll("x{100,}", "x..."));
            assertTrue(run.stdout().contains("1 sent, 0 send errors, 0 skipped"), "the message went out; with --delay "
                    + "0s the first tick finds the sender ready:\n" + run.stdout().replaceAll("x{100,}", "x..."));
        }
    }
}
