package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx (Debian's package) run by a test: its own prefix, configuration, pid file and logs under the
 * given directory, in the foreground ({@code daemon off}) so that the test holds the master process and ends
 * it, and nothing else, on {@link #close()}. The system's nginx service is never used. The site configuration
 * is given whole (see {@link NginxTemplate}); this class only wraps it in the main file the official image
 * would otherwise supply, with every path under the prefix.
 */
public final class Nginx implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    public static final String INSTALL = "apt-get install -y nginx";

    private final Process master;
    private final Path prefix;

    private Nginx(Process master, Path prefix) {
        this.master = master;
        this.prefix = prefix;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Skips (or, in CI, fails) the calling test when nginx is missing. */
    public static void require() {
        ThirdPartyPeer.require(installed(), "nginx (" + BINARY + ")", INSTALL);
    }

    /**
     * Starts nginx with {@code site} (http-level configuration) and waits until it accepts connections on
     * every port in {@code listening} (loopback).
     */
    public static Nginx start(Path prefix, String site, List<Integer> listening) throws Exception {
        Files.createDirectories(prefix.resolve("temp"));
        Path siteFile = Files.writeString(prefix.resolve("site.conf"), site, StandardCharsets.UTF_8);
        Path main = Files.writeString(prefix.resolve("nginx.conf"), mainConfiguration(prefix.toAbsolutePath(),
                siteFile.toAbsolutePath()), StandardCharsets.UTF_8);
        Path errorLog = prefix.resolve("error.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(BINARY.toString(), "-p", prefix.toAbsolutePath() + "/",
                "-c", main.toAbsolutePath().toString(), "-e", errorLog.toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(prefix.resolve("console.log").toFile());
        Nginx nginx = new Nginx(builder.start(), prefix);
        try {
            Await.until(() -> nginx.acceptsOn(listening), "nginx to listen on 127.0.0.1 ports " + listening);
        } catch (AssertionError e) {
            String log = nginx.log();
            nginx.close();
            fail("nginx did not come up: " + e.getMessage() + "\n" + log);
        }
        return nginx;
    }

    private static String mainConfiguration(Path prefix, Path site) {
        return String.join("\n",
                "# written by the test (dev.wsprobe.testing.Nginx); the site is docker/nginx's template, rendered",
                "daemon off;",
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("error.log") + " notice;",
                "events { worker_connections 1024; }",
                "http {",
                "    access_log " + prefix.resolve("access.log") + ";",
                "    client_body_temp_path " + prefix.resolve("temp/body") + ";",
                "    proxy_temp_path " + prefix.resolve("temp/proxy") + ";",
                "    fastcgi_temp_path " + prefix.resolve("temp/fastcgi") + ";",
                "    uwsgi_temp_path " + prefix.resolve("temp/uwsgi") + ";",
                "    scgi_temp_path " + prefix.resolve("temp/scgi") + ";",
                "    include " + site + ";",
                "}",
                "");
    }

    private boolean acceptsOn(List<Integer> ports) {
        if (!master.isAlive()) {
            fail("nginx exited with " + master.exitValue() + ":\n" + log());
        }
        // nginx writes its pid file only once every listening socket is bound. Until then a connection could
        // reach whoever else holds the port (nginx retries a busy port for a few seconds before giving up).
        if (!pidFileNames(master.pid())) {
            return false;
        }
        for (int port : ports) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private boolean pidFileNames(long pid) {
        try {
            Path file = prefix.resolve("nginx.pid");
            return Files.exists(file)
                    && Files.readString(file, StandardCharsets.US_ASCII).strip().equals(Long.toString(pid));
        } catch (IOException e) {
            return false; // being written
        }
    }

    /** nginx's console and error log, for failure messages. */
    public String log() {
        StringBuilder log = new StringBuilder();
        for (String name : List.of("console.log", "error.log")) {
            Path file = prefix.resolve(name);
            try {
                if (Files.exists(file)) {
                    log.append("--- ").append(file).append('\n').append(Files.readString(file, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                log.append("(cannot read ").append(file).append(": ").append(e).append(")\n");
            }
        }
        return log.toString();
    }

    /** SIGTERM to the master (nginx's fast shutdown, which ends its workers); by force only if it hangs. */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> workers = master.toHandle().descendants().toList();
        master.toHandle().destroy();
        if (!master.waitFor(10, TimeUnit.SECONDS)) {
            master.destroyForcibly();
            master.waitFor(5, TimeUnit.SECONDS);
        }
        for (ProcessHandle worker : workers) {
            // workers of our master only, captured before it ended; normally already gone
            if (worker.isAlive()) {
                worker.destroyForcibly();
            }
        }
    }
}
