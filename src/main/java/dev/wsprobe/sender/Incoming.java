package dev.wsprobe.sender;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the server sends a sender's connection: anything at all proves the server alive (the heartbeat's
 * unanswered pings are forgiven); pongs and acknowledgements belong to the {@link MessageFlow}; every other
 * message is counted and reported as received.
 */
final class Incoming {
    private final DeadPeerDetector heartbeat;
    private final MessageFlow messages;
    private final SenderCounters counts;
    private final SenderListener listener;

    Incoming(DeadPeerDetector heartbeat, MessageFlow messages, SenderCounters counts, SenderListener listener) {
        this.heartbeat = heartbeat;
        this.messages = messages;
        this.counts = counts;
        this.listener = listener;
    }

    void text(String text) {
        heartbeat.heardFromPeer();
        if (!messages.acknowledgement(text)) {
            received(false, text.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    void binary(int sizeBytes) {
        heartbeat.heardFromPeer();
        received(true, sizeBytes);
    }

    void pong(ByteBuffer payload) {
        heartbeat.heardFromPeer();
        messages.pong(payload);
    }

    private void received(boolean binary, int sizeBytes) {
        counts.received();
        listener.received(binary, sizeBytes);
    }
}
