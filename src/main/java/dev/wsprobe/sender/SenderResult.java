package dev.wsprobe.sender;

/**
 * How a sender ended.
 *
 * @param finalState   {@code cancelled} or {@code failed(..)}
 * @param attempted    sends started
 * @param sent         sends whose completion reported no error
 * @param sendFailures sends whose completion reported an error
 * @param skipped      ticks that came while not {@code ready}, so nothing was sent
 * @param received     messages the server sent back (an echo server answers each), acknowledgements aside
 * @param resent       messages sent again after a reconnect because they were not acknowledged
 * @param unacknowledged messages never acknowledged (with acknowledgements on)
 */
public record SenderResult(ConnectionState finalState, long attempted, long sent, long sendFailures, long skipped,
        long received, long resent, long unacknowledged) {

    public boolean succeeded() {
        return finalState.kind() == ConnectionState.Kind.CANCELLED;
    }
}
