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
    public final java.util.concurrent.atomic.AtomicLong skipped = new java.util.concurrent.atomic.AtomicLong();

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

    @Override
    public void skipped(long totalSkipped) {
        skipped.set(totalSkipped);
    }

    /** Waits for the next state change of this kind, skipping others; returns it. */
    public ConnectionState awaitState(ConnectionState.Kind kind) throws InterruptedException {
        while (true) {
            ConnectionState next = Await.next(stateQueue, "state " + kind + " (seen so far: " + states + ")");
            if (next.kind() == kind) {
                return next;
            }
        }
    }

    public List<ConnectionState.Kind> kinds() {
        return states.stream().map(ConnectionState::kind).toList();
    }
}
