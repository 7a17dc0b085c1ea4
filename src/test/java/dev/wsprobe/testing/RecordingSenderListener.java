package dev.wsprobe.testing;

import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.SenderListener;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** Records a sender's reports for assertions. */
public final class RecordingSenderListener implements SenderListener {
    /** One send's reported outcome. */
    public record Send(long number, int sizeBytes, Throwable error, long atNanos) {
    }

    public final List<ConnectionState> states = new CopyOnWriteArrayList<>();
    public final BlockingQueue<ConnectionState> stateQueue = new LinkedBlockingQueue<>();
    public final BlockingQueue<Send> sends = new LinkedBlockingQueue<>();
    public volatile long readyAtNanos;

    @Override
    public void stateChanged(ConnectionState state) {
        if (state.kind() == ConnectionState.Kind.READY) {
            readyAtNanos = System.nanoTime();
        }
        states.add(state);
        stateQueue.add(state);
    }

    @Override
    public void didSend(long number, int sizeBytes, Throwable error) {
        sends.add(new Send(number, sizeBytes, error, System.nanoTime()));
    }

    public List<ConnectionState.Kind> kinds() {
        return states.stream().map(ConnectionState::kind).toList();
    }
}
