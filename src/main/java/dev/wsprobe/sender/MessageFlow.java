package dev.wsprobe.sender;

import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A sender's messages: a tick every interval sends one when the connection is {@code ready} (else counts it
 * skipped); acknowledgements are matched to what was sent, and what is unacknowledged goes out again after a
 * reconnect. With a count, the run ends only once the server has answered the last message: its
 * acknowledgement, or else the pong to a ping sent after it (the server reads frames in order, so a server that
 * refuses the last message, e.g. with 1009, closes before it pongs), waiting at most {@link #LAST_ANSWER_WAIT}.
 */
final class MessageFlow {
    /** After the last message without acknowledgements: the longest wait for the server's pong. */
    static final Duration LAST_ANSWER_WAIT = Duration.ofSeconds(2);
    private static final byte[] LAST_PING = "wsprobe: last message sent".getBytes(StandardCharsets.US_ASCII);

    private final SenderOptions options;
    private final ScheduledExecutorService scheduler;
    private final SenderListener listener;
    /** The open session while {@code ready}, else null. */
    private final Supplier<Session> readySession;
    /** Every message is out and answered: close normally. Called once. */
    private final Consumer<String> done;
    private final MessageTemplate template;
    private final SenderCounters counts;
    private final Outgoing outgoing;
    /** What was sent and not yet acknowledged (only with acknowledgements). */
    private final ResendBuffer unacknowledged = new ResendBuffer(PeriodicSender.MAX_UNACKNOWLEDGED);

    private ScheduledFuture<?> ticks;
    private ScheduledFuture<?> lastAnswerWait;
    private boolean everythingSent;
    private boolean finished;

    MessageFlow(SenderOptions options, ScheduledExecutorService scheduler, SenderListener listener, Clock clock,
            SenderCounters counts, Supplier<Session> readySession, Consumer<String> done) {
        this.options = options;
        this.scheduler = scheduler;
        this.listener = listener;
        this.readySession = readySession;
        this.done = done;
        this.counts = counts;
        this.template = new MessageTemplate(options.template(), clock);
        this.outgoing = new Outgoing(options.binary());
    }

    /** Starts the ticks, once: call it when the connection is ready, so that the first tick finds it so. */
    synchronized void startTicking() {
        if (ticks == null && !finished) {
            ticks = scheduler.scheduleAtFixedRate(this::tick, options.firstSend().toNanos(),
                    options.interval().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Sends the unacknowledged messages again, in order (before the state says ready: nothing overtakes them). */
    void resendTo(Session open) {
        for (ResendBuffer.Pending pending : unacknowledged.pending()) {
            counts.resent();
            outgoing.send(open, pending.number(), pending.text(), (number, size, error) -> listener.resent(number,
                    error));
        }
    }

    private void tick() {
        if (options.count() > 0 && counts.attempted() >= options.count()) {
            return; // the last sends are still completing; the last answer ends the run
        }
        Session open = readySession.get();
        if (open == null) {
            listener.skipped(counts.skipped());
            return;
        }
        long number = counts.nextNumber();
        listener.willSend(number);
        String text = template.render(number);
        if (options.acknowledged()) {
            unacknowledged.add(number, text);
        }
        outgoing.send(open, number, text, this::sendCompleted);
    }

    private void sendCompleted(long number, int sizeBytes, Throwable error) {
        counts.sendCompleted(error);
        listener.didSend(number, sizeBytes, error);
        askForTheLastAnswer();
    }

    /** @return true when {@code text} was an acknowledgement (not a message for the counts) */
    boolean acknowledgement(String text) {
        OptionalLong number = options.acknowledged() ? SequenceNumbers.acknowledged(text) : OptionalLong.empty();
        if (number.isEmpty()) {
            return false;
        }
        unacknowledged.acknowledge(number.getAsLong());
        askForTheLastAnswer();
        return true;
    }

    /** A pong: the answer to the ping after the last message ends the run. */
    void pong(ByteBuffer payload) {
        synchronized (this) {
            if (!everythingSent || options.acknowledged() || !ByteBuffer.wrap(LAST_PING).equals(payload)) {
                return;
            }
        }
        end();
    }

    /** With a count: once every message has completed (and was acknowledged), ask for the server's answer. */
    private void askForTheLastAnswer() {
        synchronized (this) {
            if (options.count() == 0 || counts.completed() < options.count() || !unacknowledged.isEmpty()
                    || everythingSent) {
                return;
            }
            everythingSent = true;
        }
        // outside this lock: the sender's lock is taken first elsewhere (its close stops this flow)
        Session open = readySession.get();
        if (options.acknowledged() || open == null) {
            end(); // the acknowledgements were the answer (or there is no one left to answer)
            return;
        }
        synchronized (this) {
            if (!finished) {
                lastAnswerWait = scheduler.schedule(this::end, LAST_ANSWER_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        // On the scheduler, not here: this runs in a send's completion, on the client's own I/O thread, and
        // sendPing blocks until its frame is written (with the ping sent from here, the in-container sender on
        // Jetty 12 did not end a counted run). The wait above ends the run even if the ping blocks.
        // A ping that cannot go out means the connection is closing: most often because the server refused the
        // last message (1009...). Ending here would race its close and could report a refused run as done; the
        // close decides instead, or the wait above ends the run if no close ever comes.
        scheduler.execute(() -> {
            try {
                open.getAsyncRemote().sendPing(ByteBuffer.wrap(LAST_PING));
            } catch (IOException | RuntimeException e) {
                // the close (or the wait) ends the run
            }
        });
    }

    private void end() {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
        }
        done.accept("done: " + options.count() + (options.count() == 1 ? " message" : " messages"));
    }

    /** Whether a count was given and every message of it went out (and was acknowledged). */
    synchronized boolean everythingSent() {
        return everythingSent;
    }

    int unacknowledged() {
        return unacknowledged.size();
    }

    /** Stops the ticks and the wait for the last answer. */
    synchronized void stop() {
        finished = true;
        if (ticks != null) {
            ticks.cancel(false);
        }
        if (lastAnswerWait != null) {
            lastAnswerWait.cancel(false);
        }
    }
}
