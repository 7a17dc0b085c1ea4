package dev.wsprobe.sender;

import jakarta.websocket.CloseReason;
import java.net.URI;

/** What a {@link PeriodicSender} reports, in the order it happens. Called from the sender's threads. */
public interface SenderListener {
    default void willStart(URI target) {
    }

    void stateChanged(ConnectionState state);

    default void willSend(long number) {
    }

    /** @param error null when the message was handed to the network */
    void didSend(long number, int sizeBytes, Throwable error);

    default void received(boolean binary, int sizeBytes) {
    }

    default void closed(CloseReason reason) {
    }
}
