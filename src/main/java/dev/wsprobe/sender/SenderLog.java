package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.CloseDescriptions;
import jakarta.websocket.CloseReason;
import java.net.URI;

/** Logs a sender's events in the seed's words: {@code will send}, {@code did send, error: -}. */
public final class SenderLog implements SenderListener {
    private static final System.Logger LOG = System.getLogger(PeriodicSender.class.getName());

    private final String prefix;

    public SenderLog(String name) {
        this.prefix = "[" + name + "] ";
    }

    @Override
    public void willStart(URI target) {
        info("will start, target: " + target);
    }

    @Override
    public void stateChanged(ConnectionState state) {
        // failed, and waiting (a failure that will be retried), are what an operator looks for in a server log
        boolean trouble = state.kind() == ConnectionState.Kind.FAILED || state.kind() == ConnectionState.Kind.WAITING;
        System.Logger.Level level = trouble ? System.Logger.Level.WARNING : System.Logger.Level.INFO;
        LOG.log(level, prefix + "state did change, new: " + state);
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
