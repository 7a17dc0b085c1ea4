package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.CloseDescriptions;
import jakarta.websocket.CloseReason;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Logs a sender's events in the seed's words ({@code will send}, {@code did send, error: -}); a state change
 * carries its diagnosis, what to try, and how many sends were skipped so far.
 */
public final class SenderLog implements SenderListener {
    private static final System.Logger LOG = System.getLogger(PeriodicSender.class.getName());

    private final String prefix;
    /** The URL the log names as the target; null for the one the sender reports. */
    private final URI shownTarget;
    private volatile long skipped;

    public SenderLog(String name) {
        this(name, null);
    }

    /**
     * @param shownTarget the URL to name in {@code will start}, when it is not the one the sender connects to (a
     *                    sender told not to name itself connects to the URL exactly as given, but its
     *                    {@link PeriodicSender} reports the URL with its {@code ?wsprobe-sender=} query); null for the
     *                    one the sender reports
     */
    public SenderLog(String name, URI shownTarget) {
        this.prefix = "[" + name + "] ";
        this.shownTarget = shownTarget;
    }

    @Override
    public void willStart(URI target) {
        info("will start, target: " + (shownTarget != null ? shownTarget : target));
    }

    @Override
    public void stateChanged(ConnectionState state) {
        StringBuilder line = new StringBuilder("state did change, new: ").append(state);
        if (state.diagnosis() != null && !state.diagnosis().fix().isEmpty()) {
            line.append("; try: ").append(state.diagnosis().fix());
        }
        if (skipped > 0) {
            line.append("; skipped sends so far: ").append(skipped);
        }
        System.Logger.Level level = switch (state.kind()) {
            case FAILED, WAITING -> System.Logger.Level.WARNING;
            default -> System.Logger.Level.INFO;
        };
        LOG.log(level, prefix + line);
    }

    @Override
    public void willRetry(int retry, Duration delay) {
        info(String.format(Locale.ROOT, "will retry (attempt %d) in %.1f s", retry, delay.toMillis() / 1000.0));
    }

    @Override
    public void willSend(long number) {
        info("will send");
    }

    @Override
    public void didSend(long number, int sizeBytes, Throwable error) {
        info("did send, error: " + (error == null ? "-" : error.getMessage()) + ", size: " + sizeBytes);
    }

    @Override
    public void resent(long number, Throwable error) {
        info("did resend #" + number + " (not acknowledged before the reconnect), error: "
                + (error == null ? "-" : error.getMessage()));
    }

    @Override
    public void skipped(long totalSkipped) {
        skipped = totalSkipped;
        info("did skip send: not ready (skipped so far: " + totalSkipped + ")");
    }

    @Override
    public void received(boolean binary, int sizeBytes) {
        info("connection did receive content, size: " + sizeBytes + (binary ? " (binary)" : " (text)"));
    }

    @Override
    public void closed(CloseReason reason) {
        info("connection did close, " + CloseDescriptions.describe(reason));
    }

    private void info(String message) {
        LOG.log(System.Logger.Level.INFO, prefix + message);
    }
}
