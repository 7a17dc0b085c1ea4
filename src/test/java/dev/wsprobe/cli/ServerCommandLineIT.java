package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.JarProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code wsprobe server} with values a new user gets wrong: one clear line each, exit 2 for a bad value, and
 * nothing that says ready before everything the server needs is in place.
 */
class ServerCommandLineIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--port -1                                   | --port -1 is not a port",
        "--port 70000                                | --port 70000 is not a port",
        "--port 0 --tls-port 65536 --self-signed     | --tls-port 65536 is not a port",
        "--host nosuchhost.invalid --port 0          | --host nosuchhost.invalid does not resolve",
        "--host 10.99.99.99 --port 0                 | --host 10.99.99.99 is not an address of this machine",
        "--port 12360 --tls-port 12360 --self-signed | --port and --tls-port are both 12360",
        "--port 12346 --self-signed                  | --port and --tls-port are both 12346",
        "--port 0 --subprotocols chat,bad/name       | is not a subprotocol name",
        "--port 0 --compression maybe                | is neither on nor off",
        "--port 0 --compression-server-context-takeover yes | is neither on nor off",
        "--port 0 --compression-client-window-bits 16 | --compression-client-window-bits 16: a deflate window is 8 to 15 bits"})
    void badValuesAreOneLineAndExitCode2(String arguments, String expected) throws Exception {
        String[] args = ("server " + arguments).split(" ");
        try (JarProcess run = JarProcess.start(args)) {
            assertEquals(2, run.exitCode(), run.stdout() + run.stderr());
            List<String> lines = run.stderrLines();
            assertEquals(1, lines.size(), run.stderr());
            assertTrue(lines.get(0).startsWith("wsprobe: ") && lines.get(0).contains(expected), lines.get(0));
            assertFalse(run.stderr().contains("Exception"), run.stderr());
            assertFalse(run.stdout().contains("ready"), "nothing listened: " + run.stdout());
        }
    }

    @Test
    void anUnwritableCertificateFileFailsBeforeReady() throws Exception {
        Path nowhere = dir.resolve("no/such/dir/cert.pem");
        try (JarProcess run = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--tls-port", "0",
                "--self-signed", "--cert-out", nowhere.toString())) {
            assertEquals(3, run.exitCode());
            assertEquals(1, run.stderrLines().size(), run.stderr());
            assertTrue(run.stderr().contains("cannot write the self-signed certificate to " + nowhere), run.stderr());
            assertFalse(run.stdout().contains("ready"), "nothing may say ready first: " + run.stdout());
        }
    }

    @Test
    void theNewFlagsAreInTheStartUpLine() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0",
                "--subprotocols", "chat,json", "--compression", "on", "--compression-client-context-takeover", "off",
                "--compression-client-window-bits", "10", "--announce")) {
            String line = server.awaitLine(text -> text.contains("subprotocols: "), "the features line");
            assertTrue(line.contains("subprotocols: chat, json") && line.contains("permessage-deflate): on (server: no "
                    + "context takeover, 15-bit window, offers asking for a smaller one are declined; clients: asked "
                    + "for client_no_context_takeover, asked for client_max_window_bits=10)")
                    && line.contains("announce: on"), line);
            server.terminate();
        }
    }
}
