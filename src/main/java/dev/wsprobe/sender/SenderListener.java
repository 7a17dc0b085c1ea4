package dev.wsprobe.sender;

import jakarta.websocket.CloseReason;
import java.net.URI;
import java.time.Duration;

/** What a {@link PeriodicSender} reports, in the order it happens. Called from the sender's threads. */
public interface SenderListener {
    default void willStart(URI target) {
    }

    void stateChanged(ConnectionState state);

    /** After a {@code waiting} change: when the next attempt will be made. */
    default void willRetry(int retry, Duration delay) {
    }

    default void willSend(long number) {
    }

    /** @param error null when the message was handed to the network */
    void didSend(long number, int sizeBytes, Throwable error);

    /** An unacknowledged message went out again after a reconnect. */
    default void resent(long number, Throwable error) {
    }

    /** A tick came while not {@code ready}: that message was not sent. */
    default void skipped(long totalSkipped) {
    }

    default void received(boolean binary, int sizeBytes) {
    }

    default void closed(CloseReason reason) {
    }
}
