package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.FakePeers;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.certificates.DevelopmentCertificates;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runnable jar as a user runs it: real processes, real exit codes, real output. */
class CliIT {
    private static final Pattern LISTENING = Pattern.compile("listening on ws://\\S+:(\\d+)/(?: and wss://\\S+:(\\d+)/)?");

    @TempDir
    Path dir;

    @Test
    void demoShowsBothSidesOfTheConversationAndExitsZero() throws Exception {
        try (JarProcess demo = JarProcess.start("demo")) {
            assertEquals(0, demo.exitCode(), demo.stdout() + demo.stderr());
            String out = demo.stdout();
            for (String expected : List.of("listener state did change, new: ready",
                    "[sender ws] state did change, new: ready", "[sender wss] state did change, new: ready",
                    "[sender ws] will send", "[sender ws] did send, error: -", "[sender wss] did send, error: -",
                    "] listener did accept connection", "] connection did receive content, size: ",
                    "[sender ws] state did change, new: cancelled", "[sender wss] state did change, new: cancelled",
                    "receiver: 6 messages", "listener state did change, new: cancelled")) {
                assertTrue(out.contains(expected), "demo output lacks \"" + expected + "\":\n" + out);
            }
            assertEquals("", demo.stderr());
        }
    }

    @ParameterizedTest(name = "wsprobe {0} --help")
    @ValueSource(strings = {"server", "send", "check", "load", "demo"})
    void everySubcommandExplainsItself(String subcommand) throws Exception {
        try (JarProcess help = JarProcess.start(subcommand, "--help")) {
            assertEquals(0, help.exitCode());
            assertTrue(help.stdout().startsWith("Usage: wsprobe " + subcommand), help.stdout());
        }
    }

    @Test
    void topLevelHelpListsTheSubcommands() throws Exception {
        try (JarProcess help = JarProcess.start("--help")) {
            assertEquals(0, help.exitCode());
            for (String subcommand : List.of("server", "send", "check", "load", "demo")) {
                assertTrue(help.stdout().contains("  " + subcommand + " "), help.stdout());
            }
        }
    }

    @Test
    void unknownFlagIsOneLineAndExitCode2() throws Exception {
        try (JarProcess run = JarProcess.start("server", "--bogus")) {
            assertEquals(2, run.exitCode());
            assertEquals(List.of("wsprobe: Unknown option: '--bogus' (see: wsprobe server --help)"), run.stderrLines());
        }
    }

    @ParameterizedTest(name = "send {0}")
    @ValueSource(strings = {"http://localhost:12345/receive", "ftp://localhost/x", "localhost:12345", "ws://"})
    void badUrlIsOneLineAndExitCode2(String url) throws Exception {
        try (JarProcess run = JarProcess.start("send", url)) {
            assertEquals(2, run.exitCode());
            assertEquals(1, run.stderrLines().size(), run.stderr());
            assertTrue(run.stderr().startsWith("wsprobe: bad URL \""), run.stderr());
            assertFalse(run.stderr().contains("Exception"), run.stderr());
        }
    }

    @Test
    void missingKeystoreIsOneLineAndExitCode3() throws Exception {
        Path missing = dir.resolve("missing.p12");
        try (JarProcess run = JarProcess.start(Map.of("WSPROBE_KEYSTORE_PASSWORD", "x"),
                "server", "--port", "0", "--keystore", missing.toString())) {
            assertEquals(3, run.exitCode());
            assertEquals(List.of("wsprobe: keystore " + missing + " does not exist"), run.stderrLines());
        }
    }

    @Test
    void wrongKeystorePasswordIsOneLineExitCode3AndNeverShowsThePassword() throws Exception {
        Path keystore = keystore("correct horse");
        Path passwordFile = Files.writeString(dir.resolve("password"), "battery staple\n");
        try (JarProcess run = JarProcess.start("server", "--port", "0", "--keystore", keystore.toString(),
                "--keystore-password-file", passwordFile.toString())) {
            assertEquals(3, run.exitCode());
            assertEquals(1, run.stderrLines().size(), run.stderr());
            assertTrue(run.stderr().contains("password is wrong"), run.stderr());
            assertFalse((run.stdout() + run.stderr()).contains("battery"), "the password must not be printed");
        }
    }

    @Test
    void busyPortIsOneLineAndExitCode3() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                JarProcess run = JarProcess.start("server", "--host", "127.0.0.1",
                        "--port", Integer.toString(taken.getLocalPort()))) {
            assertEquals(3, run.exitCode());
            assertEquals(1, run.stderrLines().size(), run.stderr());
            assertTrue(run.stderr().contains("port " + taken.getLocalPort()) && run.stderr().contains("in use"),
                    run.stderr());
        }
    }

    @Test
    void sigtermClosesOpenConnectionsWithGoingAwayThenTheListenerIsCancelled() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0")) {
            int port = ports(server)[0];
            JdkSocket client = JdkSocket.connect(URI.create("ws://127.0.0.1:" + port + "/receive"), null);
            server.awaitLine(line -> line.contains("connection state did change, new: ready"), "the accepted connection");

            server.terminate();

            assertEquals(1001, client.nextClose().code());
            server.awaitLine(line -> line.contains("listener state did change, new: cancelled"), "the listener's end");
            assertEquals(143, server.exitCode(), "128 + SIGTERM");
        }
    }

    @Test
    void senderProcessTalksToServerProcessOverWssWithTheSelfSignedCertificateItWrote() throws Exception {
        Path pem = dir.resolve("server.pem");
        try (JarProcess server = JarProcess.start(Map.of("WSPROBE_HOST", "127.0.0.1"), "server", "--port", "0",
                "--self-signed", "--tls-port", "0", "--cert-out", pem.toString())) {
            int tlsPort = ports(server)[1];
            server.awaitLine(line -> line.contains("self-signed certificate") && line.contains(pem.toString()),
                    "where the certificate was written");
            try (JarProcess sender = JarProcess.start("send", "--count", "2", "--interval", "200ms",
                    "--delay", "100ms", "--cacert", pem.toString(), "wss://localhost:" + tlsPort + "/receive")) {
                assertEquals(0, sender.exitCode(), sender.stdout() + sender.stderr());
                String out = sender.stdout();
                assertTrue(out.contains("[sender] state did change, new: ready"), out);
                assertTrue(out.contains("[sender] state did change, new: cancelled"), out);
                assertTrue(out.contains("summary: 2 sent, 0 send errors"), out);
            }
            server.awaitLine(line -> line.contains("code: 1000 (normal closure)"), "the sender's normal close");
        }
    }

    @Test
    void senderToNothingWaitsRetriesThenFailsWithExitCode1WhenRetriesRunOut() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = probe.getLocalPort();
        }
        try (JarProcess sender = JarProcess.start("send", "--max-retries", "2", "--retry-initial", "100ms",
                "ws://127.0.0.1:" + freePort + "/receive")) {
            assertEquals(1, sender.exitCode(), sender.stdout() + sender.stderr());
            String out = sender.stdout();
            String refused = "connection refused by 127.0.0.1:" + freePort + ": nothing is listening there";
            assertTrue(out.contains("state did change, new: waiting(" + refused + "); try: is the server running"),
                    out);
            assertTrue(out.contains("will retry (attempt 2)"), out);
            assertTrue(out.contains("state did change, new: failed(" + refused + ")"), out);
        }
    }

    @Test
    void insecureWarnsWhenUsed() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0",
                "--self-signed", "--tls-port", "0", "--cert-out", dir.resolve("c.pem").toString())) {
            int tlsPort = ports(server)[1];
            try (JarProcess sender = JarProcess.start("send", "--count", "1", "--delay", "0ms", "--insecure",
                    "wss://127.0.0.1:" + tlsPort + "/echo")) {
                assertEquals(0, sender.exitCode(), sender.stdout() + sender.stderr());
                assertTrue(sender.stdout().contains("WARNING --insecure"), sender.stdout());
            }
        }
    }

    @Test
    void checkPrintsEveryStepAndExitsWithTheFailingStepsCode() throws Exception {
        Path pem = dir.resolve("server.pem");
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0",
                "--self-signed", "--tls-port", "0", "--cert-out", pem.toString())) {
            int[] ports = ports(server);
            server.awaitLine(line -> line.contains("self-signed certificate"), "the certificate");
            String wss = "wss://localhost:" + ports[1] + "/echo";
            try (JarProcess healthy = JarProcess.start("check", "--cacert", pem.toString(), wss)) {
                assertEquals(0, healthy.exitCode(), healthy.stdout());
                for (String step : List.of("resolve", "connect", "tls", "handshake", "websocket")) {
                    assertTrue(healthy.stdout().contains("  " + step + " ") && !healthy.stdout().contains("FAILED"),
                            healthy.stdout());
                }
                assertTrue(healthy.stdout().contains("result: OK, every step passed"), healthy.stdout());
            }
            try (JarProcess json = JarProcess.start("check", "--json", "--cacert", pem.toString(), wss)) {
                assertEquals(0, json.exitCode());
                assertTrue(json.stdout().startsWith("{\"target\":\"" + wss + "\",\"ok\":true,\"steps\":["),
                        json.stdout());
            }
            try (JarProcess untrusted = JarProcess.start("check", wss)) {
                assertEquals(5, untrusted.exitCode(), untrusted.stdout());
                assertTrue(untrusted.stdout().contains("diagnosis: CERTIFICATE_UNTRUSTED: server certificate for "
                        + "localhost"), untrusted.stdout());
                assertTrue(untrusted.stdout().contains("try: pass --cacert with its CA"), untrusted.stdout());
            }
            try (JarProcess wrongPath = JarProcess.start("check", "ws://localhost:" + ports[0] + "/recieve")) {
                assertEquals(6, wrongPath.exitCode(), wrongPath.stdout());
                assertTrue(wrongPath.stdout().contains("handshake FAILED"), wrongPath.stdout());
            }
            try (JarProcess refused = JarProcess.start("check", "ws://127.0.0.1:1/")) {
                assertEquals(4, refused.exitCode(), refused.stdout());
                assertTrue(refused.stdout().contains("diagnosis: CONNECTION_REFUSED"), refused.stdout());
            }
        }
    }

    @Test
    void stoppingASenderWhileWaitingEndsCancelled() throws Exception {
        try (JarProcess sender = JarProcess.start("send", "--retry-initial", "100ms", "--retry-max", "200ms",
                "ws://127.0.0.1:" + FakePeers.closedPort() + "/receive")) {
            sender.awaitLine(line -> line.contains("new: waiting("), "the waiting state");
            sender.terminate();
            sender.awaitLine(line -> line.contains("state did change, new: cancelled"), "cancelled");
            sender.awaitLine(line -> line.contains("summary: 0 sent"), "the summary");
        }
    }

    @Test
    void stoppingASenderWhileReadyClosesNormally() throws Exception {
        try (JarProcess server = JarProcess.start("server", "--host", "127.0.0.1", "--port", "0")) {
            int port = ports(server)[0];
            try (JarProcess sender = JarProcess.start("send", "ws://127.0.0.1:" + port + "/receive")) {
                sender.awaitLine(line -> line.contains("did send, error: -"), "a first send");
                sender.terminate();
                sender.awaitLine(line -> line.contains("state did change, new: cancelled"), "cancelled");
                // written before the JVM halts, though the main thread and the signal's hook race for it
                sender.awaitLine(line -> line.contains("summary: ") && line.contains("final state: cancelled"),
                        "the summary");
            }
            server.awaitLine(line -> line.contains("code: 1000 (normal closure), reason: cancelled"),
                    "the sender's normal close on the server");
        }
    }

    @Test
    void mutualTlsFromTheCommandLineAndNoPasswordInAnyOutput() throws Exception {
        String storePassword = "Sup3r-Secret-Keystore";
        String clientPassword = "Sup3r-Secret-Client";
        dev.wsprobe.certificates.DevelopmentCertificates.Authority ca = dev.wsprobe.certificates.DevelopmentCertificates
                .newAuthority("cli test CA");
        Path serverStore = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(serverStore)) {
            ca.issue(List.of("localhost")).toKeyStore(storePassword.toCharArray())
                    .store(out, storePassword.toCharArray());
        }
        Path clientStore = dir.resolve("client.p12");
        try (OutputStream out = Files.newOutputStream(clientStore)) {
            ca.issue(List.of("sender")).toKeyStore(clientPassword.toCharArray())
                    .store(out, clientPassword.toCharArray());
        }
        Path caPem = Files.writeString(dir.resolve("ca.pem"),
                dev.wsprobe.tls.TlsIdentity.toPem(ca.certificate()));
        Path clientPasswordFile = Files.writeString(dir.resolve("client.pass"), clientPassword + "\n");
        try (JarProcess server = JarProcess.start(Map.of("WSPROBE_KEYSTORE_PASSWORD", storePassword), "server",
                "--verbose", "--host", "127.0.0.1", "--port", "0", "--tls-port", "0", "--keystore",
                serverStore.toString(), "--client-auth", "need", "--client-ca", caPem.toString())) {
            int tlsPort = ports(server)[1];
            String url = "wss://localhost:" + tlsPort + "/receive";
            try (JarProcess refused = JarProcess.start("send", "--verbose", "--count", "1", "--cacert",
                    caPem.toString(), url)) {
                assertEquals(1, refused.exitCode(), refused.stdout());
                assertTrue(refused.stdout().contains("the server requires a client certificate"), refused.stdout());
            }
            try (JarProcess accepted = JarProcess.start("send", "--verbose", "--count", "1", "--delay", "0ms",
                    "--cacert", caPem.toString(), "--client-keystore", clientStore.toString(),
                    "--client-keystore-password-file", clientPasswordFile.toString(), url)) {
                assertEquals(0, accepted.exitCode(), accepted.stdout() + accepted.stderr());
                String all = accepted.stdout() + accepted.stderr();
                assertFalse(all.contains(clientPassword), "the client keystore password must never be printed");
            }
            server.awaitLine(line -> line.contains("code: 1000 (normal closure)"), "the accepted sender's close");
            server.terminate();
            server.exitCode();
            String all = server.stdout() + server.stderr();
            assertTrue(all.contains("client certificates: need"), all);
            assertFalse(all.contains(storePassword), "the keystore password must never be printed");
            assertFalse(all.contains("PRIVATE KEY"), "no key material in the log");
        }
    }

    private Path keystore(String password) throws Exception {
        Path file = dir.resolve("server.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            DevelopmentCertificates.selfSigned(List.of("localhost")).toKeyStore(password.toCharArray())
                    .store(out, password.toCharArray());
        }
        return file;
    }

    /** The ports a server process reports in its ready line: [ws, wss or 0]. */
    private static int[] ports(JarProcess server) throws InterruptedException {
        String ready = server.awaitLine(line -> line.contains("listener state did change, new: ready"), "ready");
        Matcher match = LISTENING.matcher(ready);
        assertTrue(match.find(), ready);
        return new int[] {Integer.parseInt(match.group(1)), match.group(2) == null ? 0 : Integer.parseInt(match.group(2))};
    }
}
