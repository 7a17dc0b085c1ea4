package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JettyAuthServer;
import dev.wsprobe.testing.ThirdPartyPeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wsprobe connect} on a real pseudo-terminal: tmux runs it in a detached session of its own (its own
 * server socket under the test's directory), the test types into it with {@code send-keys} and reads the screen
 * with {@code capture-pane}. No flag forces the mode: the jar must see the terminal itself.
 */
class ConnectTerminalIT {
    private static final Path TMUX = Path.of("/usr/bin/tmux");

    @TempDir
    Path dir;

    @Test
    void linesTypedAreSentAndRepliesShownWithDirectionTimeTypeAndSize() throws Exception {
        ThirdPartyPeer.require(Files.isExecutable(TMUX), "tmux (" + TMUX + ")", "apt-get install -y tmux");
        String token = "tok-" + UUID.randomUUID();
        Path socket = dir.resolve("tmux.sock");
        Path tokenFile = Files.writeString(dir.resolve("token"), token);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = java + " -XX:TieredStopAtLevel=1 -jar " + JarProcess.jar() + " connect --no-proxy --show-control"
                + " --bearer-token-file " + tokenFile + " -s chat %s; echo \"exit=$?\"; sleep 60";
        try (JettyAuthServer server = new JettyAuthServer(token)) {
            tmux(socket, "new-session", "-d", "-s", "probe", "-x", "200", "-y", "50",
                    String.format(command, server.ws()));
            try {
                awaitScreen(socket, "/help for commands");
                tmux(socket, "send-keys", "-t", "probe", "hello there", "Enter");
                String screen = awaitScreen(socket, "text 11 B: hello there");
                assertTrue(screen.matches("(?s).*< \\d\\d:\\d\\d:\\d\\d\\.\\d{3} text 11 B: hello there.*"), screen);
                tmux(socket, "send-keys", "-t", "probe", "/ping are you there", "Enter");
                awaitScreen(socket, "pong 13 B: are you there");
                tmux(socket, "send-keys", "-t", "probe", "/binary 48 69", "Enter");
                screen = awaitScreen(socket, "binary 2 B: 48 69");
                Await.until(() -> capture(socket).matches("(?s).*< \\S+ binary 2 B: 48 69.*"), "the binary echo");
                tmux(socket, "send-keys", "-t", "probe", "/quit", "Enter");
                screen = awaitScreen(socket, "exit=");
                assertTrue(screen.contains("closed: 1000") && screen.contains("exit=0"), screen);
                assertTrue(!screen.contains(token), "the token was shown:\n" + screen);
            } finally {
                tmux(socket, "kill-server");
            }
        }
    }

    private static String awaitScreen(Path socket, String wanted) throws Exception {
        String[] last = {""};
        try {
            Await.until(() -> {
                last[0] = capture(socket);
                return last[0].contains(wanted);
            }, "\"" + wanted + "\" on the terminal");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the screen:\n" + last[0], e);
        }
        return last[0];
    }

    private static String capture(Path socket) {
        try {
            return tmux(socket, "capture-pane", "-p", "-t", "probe", "-S", "-100");
        } catch (Exception e) {
            return "";
        }
    }

    private static String tmux(Path socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(TMUX.toString(), "-S", socket.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String(output, StandardCharsets.UTF_8);
    }
}
