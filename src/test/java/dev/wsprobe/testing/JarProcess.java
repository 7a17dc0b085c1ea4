package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code java -jar target/wsprobe.jar ...} as a real process, as a user runs it. Output lines are collected
 * as they come so tests can wait for a line instead of sleeping. Always {@link #close()} it.
 */
public final class JarProcess implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> newOutLines = new LinkedBlockingQueue<>();
    private final Thread outReader;
    private final Thread errReader;

    private JarProcess(Process process) {
        this.process = process;
        outReader = pump(process.getInputStream(), out, newOutLines);
        errReader = pump(process.getErrorStream(), err, new LinkedBlockingQueue<>());
    }

    /** The jar Maven built; failsafe passes its path. */
    public static Path jar() {
        String path = System.getProperty("wsprobe.jar");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            fail("target/wsprobe.jar not found (system property wsprobe.jar=" + path + "); run through `mvn verify`");
        }
        return Path.of(path);
    }

    public static JarProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    public static JarProcess start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command(environment, command);
    }

    /**
     * Another command that runs the jar, such as a container's shell script, with the same clean environment
     * plus {@code environment}, and the same handling of its output.
     */
    public static JarProcess command(Map<String, String> environment, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("WSPROBE_"));
        // the machine's proxy settings must not reach the jar unless a test gives them
        builder.environment().keySet().removeIf(name -> name.toLowerCase(java.util.Locale.ROOT).endsWith("_proxy"));
        builder.environment().putAll(environment);
        return new JarProcess(builder.start());
    }

    /** Writes {@code text} to the process's stdin and closes it (end of input). */
    public JarProcess input(String text) throws IOException {
        try (java.io.OutputStream in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    /** Runs to the end (bounded) and returns the exit code. */
    public int exitCode() throws InterruptedException {
        if (!process.waitFor(Await.PATIENCE.toSeconds() * 4, TimeUnit.SECONDS)) {
            fail("wsprobe did not exit; output so far:\n" + stdout() + stderr());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    /** Waits for an output line matching {@code wanted}; returns it. */
    public String awaitLine(Predicate<String> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String line = newOutLines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
            if (line == null && !outReader.isAlive() && newOutLines.isEmpty()) {
                break; // the process ended and all its output was read
            }
        }
        fail("no output line with " + what + "; output:\n" + stdout() + "stderr:\n" + stderr());
        return null;
    }

    /**
     * SIGTERM, as a container stop or {@code kill} delivers. Through the process handle: {@link Process#destroy()}
     * would also close our end of its output, losing what it says while shutting down.
     */
    public void terminate() {
        process.toHandle().destroy();
    }

    public String stdout() {
        return String.join("\n", out) + "\n";
    }

    public String stderr() {
        return String.join("\n", err) + (err.isEmpty() ? "" : "\n");
    }

    public List<String> stderrLines() {
        return List.copyOf(err);
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

    private static Thread pump(InputStream stream, List<String> into, BlockingQueue<String> alsoInto) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    into.add(line);
                    alsoInto.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
