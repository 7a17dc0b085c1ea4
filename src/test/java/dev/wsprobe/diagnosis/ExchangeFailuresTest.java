package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.wire.Frame;
import java.io.EOFException;
import java.net.SocketException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The message exchange after a successful upgrade: a close instead of the answer, silence, a broken connection. */
class ExchangeFailuresTest {
    @ParameterizedTest(name = "close {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        1001 | going home   | SERVER_CLOSED_TRANSIENT
        1011 |              | SERVER_CLOSED_TRANSIENT
        1008 | not you      | SERVER_CLOSED_PERMANENT
        1009 | too big      | SERVER_CLOSED_PERMANENT
        -1   |              | SERVER_CLOSED_PERMANENT
        """)
    void aCloseInsteadOfTheAnswerSaysWhatTheCodeMeans(int code, String reason, DiagnosisCode expected) {
        byte[] payload = code == -1 ? new byte[0] : Frame.closePayload(code, reason == null ? "" : reason);
        StepFailure failure = ExchangeFailures.closed(Frame.of(Frame.CLOSE, payload));
        assertEquals(DiagnosisCode.Step.WEBSOCKET, failure.step());
        assertEquals(expected, failure.diagnosis().code());
        assertEquals("the server closed: " + failure.diagnosis().cause(), failure.detail());
    }

    @ParameterizedTest(name = "echo {0}")
    @CsvSource({"true, echo", "false, pong"})
    void anAnswerThatNeverComesIsAnExchangeTimeoutOfTheWebSocketStep(boolean echo, String answer) {
        StepFailure failure = ExchangeFailures.timedOut(echo, Duration.ofSeconds(2));
        assertEquals(DiagnosisCode.Step.WEBSOCKET, failure.step());
        assertEquals(DiagnosisCode.EXCHANGE_TIMEOUT, failure.diagnosis().code());
        assertEquals(DiagnosisCode.Step.WEBSOCKET, failure.diagnosis().code().step());
        assertEquals("no " + answer + " within 2 s", failure.detail());
        assertEquals("the connection opened but no " + answer + " came back within 2 s", failure.diagnosis().cause());
    }

    @Test
    void aBrokenConnectionIsADropWithoutCloseFrame() {
        for (Exception failure : new Exception[] {new EOFException(), new SocketException("Connection reset")}) {
            StepFailure classified = ExchangeFailures.dropped((java.io.IOException) failure);
            assertEquals(DiagnosisCode.CONNECTION_DROPPED, classified.diagnosis().code());
            assertEquals("the connection dropped without a close frame (1006)", classified.diagnosis().cause());
        }
    }
}
