package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The log lines wsprobe writes (java.util.logging under {@code dev.wsprobe}), collected while open, so a test
 * can wait for the line a user would read instead of sleeping. Close it to stop collecting.
 */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger("dev.wsprobe");
    private final BlockingQueue<String> fresh = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();

    public LogCapture() {
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        String message = record.getMessage();
        if (record.getParameters() != null && record.getParameters().length > 0) {
            message = java.text.MessageFormat.format(message, record.getParameters());
        }
        String line = record.getLevel() + " " + message;
        all.add(line);
        fresh.add(line);
    }

    /** Waits for a line (logged since this capture opened) matching {@code wanted}. */
    public String await(Predicate<String> wanted, String what) throws InterruptedException {
        for (String line : all) {
            if (wanted.test(line)) {
                return line;
            }
        }
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String line = fresh.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && wanted.test(line)) {
                return line;
            }
        }
        fail("waited " + Await.PATIENCE.toSeconds() + " s for a log line with " + what + "; logged:\n"
                + String.join("\n", all));
        return null;
    }

    public List<String> lines() {
        return List.copyOf(all);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
