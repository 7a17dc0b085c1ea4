package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.Frame;
import java.io.IOException;
import java.time.Duration;

/** Classifies the message exchange after a successful upgrade (an echo, or a ping and its pong). Pure. */
final class ExchangeFailures {
    private static final int NO_STATUS_RECEIVED = 1005;

    private ExchangeFailures() {
    }

    /** The server closed instead of answering. */
    static StepFailure closed(Frame close) {
        int code = close.closeCode() == -1 ? NO_STATUS_RECEIVED : close.closeCode();
        Diagnosis closed = CloseDiagnoses.of(code, close.closeReason());
        return new StepFailure(DiagnosisCode.Step.WEBSOCKET, "the server closed: " + closed.cause(), closed);
    }

    /** The connection opened, but the answer did not come within {@code timeout}. */
    static StepFailure timedOut(boolean echo, Duration timeout) {
        String answer = echo ? "echo" : "pong";
        return new StepFailure(DiagnosisCode.Step.WEBSOCKET, "no " + answer + " within " + Words.seconds(timeout),
                new Diagnosis(DiagnosisCode.EXCHANGE_TIMEOUT, "the connection opened but no " + answer
                        + " came back within " + Words.seconds(timeout), echo
                        ? "is the server overloaded, or is this path not an echo endpoint?"
                        : "is the server overloaded? a WebSocket server must answer a ping with a pong"));
    }

    /** The connection broke without a close frame. */
    static StepFailure dropped(IOException failure) {
        return new StepFailure(DiagnosisCode.Step.WEBSOCKET, Failures.summary(failure), new Diagnosis(
                DiagnosisCode.CONNECTION_DROPPED, "the connection dropped without a close frame (1006)",
                "look at the server's log; retrying"));
    }
}
