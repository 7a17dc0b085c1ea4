package dev.wsprobe.sender;

/**
 * A sender's connection state, named as in Apple's Network.framework so readers of the seed thread recognise
 * them. {@code waiting} and {@code failed} carry the error that caused them.
 */
public record ConnectionState(Kind kind, String error) {

    public enum Kind {
        /** Created, not started. */
        SETUP,
        /** Connecting: TCP, TLS and the WebSocket upgrade. */
        PREPARING,
        /** Open: messages can be sent. */
        READY,
        /** A transient failure: will retry. */
        WAITING,
        /** Gave up: retrying cannot help. */
        FAILED,
        /** Ended on purpose (count reached, or stopped by the user). */
        CANCELLED
    }

    public static final ConnectionState SETUP = new ConnectionState(Kind.SETUP, null);
    public static final ConnectionState PREPARING = new ConnectionState(Kind.PREPARING, null);
    public static final ConnectionState READY = new ConnectionState(Kind.READY, null);
    public static final ConnectionState CANCELLED = new ConnectionState(Kind.CANCELLED, null);

    public static ConnectionState failed(String error) {
        return new ConnectionState(Kind.FAILED, error);
    }

    public static ConnectionState waiting(String error) {
        return new ConnectionState(Kind.WAITING, error);
    }

    public boolean isTerminal() {
        return kind == Kind.FAILED || kind == Kind.CANCELLED;
    }

    /** {@code ready}, {@code failed(Connection refused)}. */
    @Override
    public String toString() {
        String name = kind.name().toLowerCase(java.util.Locale.ROOT);
        return error == null ? name : name + "(" + error + ")";
    }
}
