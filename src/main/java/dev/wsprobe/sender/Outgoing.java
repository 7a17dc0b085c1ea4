package dev.wsprobe.sender;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** How the sender's messages and its normal close go out on a session: outcomes are reported, never thrown. */
final class Outgoing {
    /** What to do when a send completes. */
    @FunctionalInterface
    interface Outcome {
        void completed(long number, int sizeBytes, Throwable error);
    }

    private final boolean binary;

    /** @param binary send each message as a binary frame (its UTF-8 bytes), else as text */
    Outgoing(boolean binary) {
        this.binary = binary;
    }

    /** Sends asynchronously; a session closed under the send is reported as that send's error. */
    void send(Session open, long number, String text, Outcome then) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SendHandler outcome = sendResult -> then.completed(number, bytes.length, sendResult.getException());
        try {
            if (binary) {
                open.getAsyncRemote().sendBinary(ByteBuffer.wrap(bytes), outcome);
            } else {
                open.getAsyncRemote().sendText(text, outcome);
            }
        } catch (RuntimeException e) {
            // the session closed between the tick and the send (Tyrus may also reject the task while shutting
            // the session down): report it as this send's error, and never let it end the scheduled ticks
            then.completed(number, bytes.length, e);
        }
    }

    /** Closes with 1000; false when the session was already closed, so no onClose will follow. */
    static boolean closeNormally(Session open, String why) {
        try {
            if (open.isOpen()) {
                open.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, why));
                return true;
            }
        } catch (IOException | IllegalStateException e) {
            // the peer closed first; onClose (if any) will report it
        }
        return false;
    }
}
