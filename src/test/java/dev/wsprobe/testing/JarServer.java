package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar wsprobe.jar server} as a process, configured the way its container is: by environment
 * variables only, on loopback, on a free port. {@link #awaitReady()} reads the port from the ready line.
 */
public final class JarServer implements AutoCloseable {
    private static final Pattern LISTENING =
            Pattern.compile("listening on ws://\\S+:(\\d+)/(?: and wss://\\S+:(\\d+)/)?");

    public final String name;
    public final JarProcess process;
    private volatile int port;
    private volatile int tlsPort;

    private JarServer(String name, JarProcess process) {
        this.name = name;
        this.process = process;
    }

    /** Starts without waiting, so several servers can boot at once; then {@link #awaitReady()} each. */
    public static JarServer launch(String name, Map<String, String> moreEnvironment) throws Exception {
        return launch(name, moreEnvironment, "server");
    }

    /**
     * As {@link #launch(String, Map)}, with the jar's arguments given (an image's command). Whatever the
     * environment says, the server listens on loopback, on free ports.
     */
    public static JarServer launch(String name, Map<String, String> environment, String... arguments)
            throws Exception {
        return new JarServer(name, JarProcess.start(onLoopback(environment), arguments));
    }

    /**
     * A container's whole command ({@code java [options] -jar /app/wsprobe.jar ...}) run here: {@code java} is
     * this JDK's and the image's jar the built one. The environment is moved onto loopback as in
     * {@link #launch(String, Map, String...)}.
     */
    public static JarServer command(String name, Map<String, String> environment, List<String> command,
            String jarInImage) throws Exception {
        List<String> local = new ArrayList<>(command);
        assertTrue(local.get(0).equals("java") && local.contains(jarInImage), "java ... -jar " + jarInImage + ": " + command);
        local.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
        local.set(local.indexOf(jarInImage), JarProcess.jar().toString());
        return new JarServer(name, JarProcess.command(onLoopback(environment), local));
    }

    private static Map<String, String> onLoopback(Map<String, String> environment) {
        Map<String, String> onLoopback = new HashMap<>(environment);
        onLoopback.put("WSPROBE_HOST", "127.0.0.1");
        onLoopback.put("WSPROBE_PORT", "0");
        if (onLoopback.containsKey("WSPROBE_TLS_PORT")) {
            onLoopback.put("WSPROBE_TLS_PORT", "0");
        }
        return onLoopback;
    }

    public JarServer awaitReady() throws InterruptedException {
        String ready = process.awaitLine(line -> line.contains("listener state did change, new: ready"),
                name + " ready");
        Matcher listening = LISTENING.matcher(ready);
        assertTrue(listening.find(), ready);
        port = Integer.parseInt(listening.group(1));
        tlsPort = listening.group(2) == null ? 0 : Integer.parseInt(listening.group(2));
        return this;
    }

    public int port() {
        return port;
    }

    /** The wss port, 0 when the server has no TLS listener. */
    public int tlsPort() {
        return tlsPort;
    }

    public URI statusUrl() {
        return URI.create("http://127.0.0.1:" + port + "/status");
    }

    /** The receiver's counters now (fails the test when the server does not answer). */
    public StatusDocument.Counts receiver() {
        return StatusDocument.readQuietly(statusUrl()).endpoint("/receive");
    }

    public StatusDocument status() {
        return StatusDocument.readQuietly(statusUrl());
    }

    @Override
    public String toString() {
        return name + " (127.0.0.1:" + port + ")";
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
