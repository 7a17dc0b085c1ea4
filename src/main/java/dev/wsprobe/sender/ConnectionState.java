package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.Diagnosis;
import java.util.Locale;

/**
 * A sender's connection state, named as in Apple's Network.framework so readers of the seed thread recognise
 * them. {@code waiting} and {@code failed} carry the diagnosis of what caused them.
 */
public record ConnectionState(Kind kind, Diagnosis diagnosis) {

    public enum Kind {
        /** Created, not started. */
        SETUP,
        /** Connecting: TCP, TLS and the WebSocket upgrade. */
        PREPARING,
        /** Open: messages can be sent. */
        READY,
        /** A transient failure: will retry. */
        WAITING,
        /** Gave up: retrying cannot help, or no retries left. */
        FAILED,
        /** Ended on purpose (count reached, or stopped by the user). */
        CANCELLED
    }

    public static final ConnectionState SETUP = new ConnectionState(Kind.SETUP, null);
    public static final ConnectionState PREPARING = new ConnectionState(Kind.PREPARING, null);
    public static final ConnectionState READY = new ConnectionState(Kind.READY, null);
    public static final ConnectionState CANCELLED = new ConnectionState(Kind.CANCELLED, null);

    public static ConnectionState failed(Diagnosis diagnosis) {
        return new ConnectionState(Kind.FAILED, diagnosis);
    }

    public static ConnectionState waiting(Diagnosis diagnosis) {
        return new ConnectionState(Kind.WAITING, diagnosis);
    }

    public boolean isTerminal() {
        return kind == Kind.FAILED || kind == Kind.CANCELLED;
    }

    /** {@code ready}, {@code waiting(connection refused by 127.0.0.1:12345: nothing is listening there)}. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(Locale.ROOT);
        return diagnosis == null ? name : name + "(" + diagnosis.cause() + ")";
    }
}
