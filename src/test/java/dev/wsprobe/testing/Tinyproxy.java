package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP CONNECT proxy (Debian's tinyproxy) run by a test as its own process, in the foreground, with its
 * configuration and log under the given directory, on a free loopback port. The system's service is never used.
 * With credentials it answers 407 to a CONNECT without them ({@code BasicAuth}).
 */
public final class Tinyproxy implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/tinyproxy");
    public static final String INSTALL = "apt-get install -y tinyproxy";

    private final Process process;
    private final Path log;
    private final int port;

    private Tinyproxy(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Skips (or, in CI, fails) the calling test when tinyproxy is missing. */
    public static void require() {
        ThirdPartyPeer.require(Files.isExecutable(BINARY), "tinyproxy (" + BINARY + ")", INSTALL);
    }

    /** @param user with {@code password}, the credentials it demands; null for an open proxy */
    public static Tinyproxy start(Path dir, String user, String password) throws Exception {
        return start(dir, user, password, "");
    }

    /** @param moreConfig more configuration lines, e.g. {@code ConnectPort 443} (CONNECT to other ports: 403) */
    public static Tinyproxy start(Path dir, String user, String password, String moreConfig) throws Exception {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = dir.resolve("tinyproxy.log").toAbsolutePath();
        String config = String.join("\n",
                "# written by the test (dev.wsprobe.testing.Tinyproxy)",
                "Port " + port,
                "Listen 127.0.0.1",
                "Allow 127.0.0.1",
                "Timeout 60",
                "MaxClients 50",
                "LogLevel Connect",
                "LogFile \"" + log + "\"",
                "PidFile \"" + dir.resolve("tinyproxy.pid").toAbsolutePath() + "\"",
                user == null ? "" : "BasicAuth " + user + " " + password,
                moreConfig,
                "");
        Path file = Files.writeString(dir.resolve("tinyproxy.conf"), config, StandardCharsets.UTF_8);
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-d", "-c", file.toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(dir.resolve("console.log").toFile());
        Tinyproxy proxy = new Tinyproxy(builder.start(), log, port);
        try {
            Await.until(proxy::accepts, "tinyproxy to listen on 127.0.0.1:" + port);
        } catch (AssertionError e) {
            String console = Files.readString(dir.resolve("console.log"));
            proxy.close();
            fail("tinyproxy did not come up: " + e.getMessage() + "\n" + console);
        }
        return proxy;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Its log: one {@code CONNECT host:port} line per tunnel it was asked for. */
    public String log() throws IOException {
        try {
            return Files.readString(log);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
