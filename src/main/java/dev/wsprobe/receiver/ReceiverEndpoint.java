package dev.wsprobe.receiver;

import dev.wsprobe.sender.SequenceNumbers;
import dev.wsprobe.server.ConnectionEndpoint;
import dev.wsprobe.server.FirstOfferedSubprotocol;
import dev.wsprobe.server.SequenceTracker;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.ServerContexts;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

/**
 * The listener of the seed: accepts connections, reports their states and the size of each message it
 * receives. What it saw is in the log and in its server's {@link ServerContext#receiver()}. Messages ending in
 * {@code #<n>} are followed per sender ({@link SequenceNumbers}): gaps and duplicates are logged and counted in
 * {@link ServerContext#sequences()}; a sender that asks for acknowledgements gets {@code ack #<n>} back, otherwise
 * the receiver never answers. Its server is the one whose container accepted the connection
 * ({@link ServerContexts}). The tracker learns when a sender's connections open (with its first numbered message)
 * and close, so that it can forget a sender some time after its last connection ended.
 */
@ServerEndpoint(value = "/receive", configurator = FirstOfferedSubprotocol.class)
public class ReceiverEndpoint extends ConnectionEndpoint {
    /** Binary messages longer than this are not searched for a sequence number: they are payloads, not hellos. */
    private static final int MAX_NUMBERED_BINARY = 4096;
    private static final System.Logger LOG = System.getLogger(ReceiverEndpoint.class.getName());

    private SequenceTracker sequences;
    private String sender;
    /** True once this connection sent a numbered message and the tracker counts it as open for {@link #sender}. */
    private boolean followed;
    private boolean closed;
    private boolean acknowledge;

    @OnOpen
    public void onOpen(Session newSession) {
        sequences = open(newSession, ServerContext::receiver, LOG).sequences();
        List<String> named = newSession.getRequestParameterMap().get(SequenceNumbers.SENDER_PARAMETER);
        sender = named == null || named.isEmpty() ? "session " + newSession.getId() : named.get(0);
        List<String> ack = newSession.getRequestParameterMap().get(SequenceNumbers.ACK_PARAMETER);
        acknowledge = ack != null && ack.contains("1");
    }

    @OnMessage
    public void onText(String message) {
        // counted by its size on the wire: UTF-8 bytes, not Java chars
        if (connection().received(message)) {
            follow(message);
        }
    }

    @OnMessage
    public void onBinary(ByteBuffer message) {
        int size = message.remaining();
        if (connection().received(message) && size <= MAX_NUMBERED_BINARY) {
            follow(StandardCharsets.UTF_8.decode(message).toString());
        }
    }

    private void follow(String message) {
        OptionalLong number = SequenceNumbers.sequenceOf(message);
        if (number.isEmpty()) {
            return;
        }
        long n = number.getAsLong();
        synchronized (this) { // onClose may run on another thread
            if (!followed && !closed) {
                // only connections that number their messages count: others leave nothing behind in the tracker
                followed = true;
                sequences.opened(sender);
            }
        }
        long expected = sequences.highest(sender) + 1;
        switch (sequences.record(sender, n)) {
            case GAP -> connection().warn("sequence gap from " + sender + ": got #" + n + ", expected #" + expected
                    + " (" + (n - expected) + " missing)");
            case RESET -> connection().warn("sequence reset from " + sender + ": got #" + n + ", expected #" + expected
                    + " (a jump of more than " + sequences.limits().maxMissingPerSender()
                    + " numbers is not counted as missing: following the sender afresh from #" + n + ")");
            case DUPLICATE -> connection().info("duplicate #" + n + " from " + sender);
            case LATE -> connection().info("late #" + n + " from " + sender + " (was missing)");
            case STALE -> connection().info("old #" + n + " from " + sender
                    + " (below what is still followed for it: neither counted late nor duplicate)");
            case IN_ORDER -> {
                // the normal case needs no line of its own
            }
        }
        if (acknowledge) {
            connection().sendDirect(SequenceNumbers.ack(n));
        }
    }

    @Override
    protected void afterClose() {
        synchronized (this) {
            closed = true;
            if (followed) {
                followed = false;
                sequences.closed(sender);
            }
        }
    }
}
