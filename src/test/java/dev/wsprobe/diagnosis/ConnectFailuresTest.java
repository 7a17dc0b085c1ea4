package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The connect step's failures, from the exceptions the JDK throws (messages as JDK 17 words them). */
class ConnectFailuresTest {
    private static final String WHERE = "10.0.0.7:12345";

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new ConnectException("Connection refused"), DiagnosisCode.CONNECTION_REFUSED,
                        "refused by " + WHERE, "nothing is listening there"),
                Arguments.of(new SocketTimeoutException("Connect timed out"), DiagnosisCode.CONNECT_TIMEOUT,
                        "no answer from " + WHERE, "within 5 s"),
                Arguments.of(new NoRouteToHostException("No route to host"), DiagnosisCode.NO_ROUTE_TO_HOST,
                        "no route to host " + WHERE, "cannot reach that address (No route to host)"),
                Arguments.of(new ConnectException("Network is unreachable"), DiagnosisCode.NO_ROUTE_TO_HOST,
                        "no route to host " + WHERE, "cannot reach that address (Network is unreachable)"),
                Arguments.of(new IOException("something else"), DiagnosisCode.CONNECT_TIMEOUT,
                        "cannot connect to " + WHERE + ": something else", "something else"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failures")
    void eachConnectFailureGetsItsCode(IOException failure, DiagnosisCode code, String detail, String inCause) {
        StepFailure classified = ConnectFailures.of(failure, WHERE, Duration.ofSeconds(5));
        assertEquals(DiagnosisCode.Step.CONNECT, classified.step());
        assertEquals(code, classified.diagnosis().code());
        assertEquals(detail, classified.detail());
        assertTrue(classified.diagnosis().cause().contains(inCause), classified.diagnosis().cause());
        assertTrue(classified.diagnosis().cause().contains(WHERE), classified.diagnosis().cause());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void everyCodeOfTheConnectStepBelongsToIt(IOException failure) {
        assertEquals(DiagnosisCode.Step.CONNECT,
                ConnectFailures.of(failure, WHERE, Duration.ofSeconds(5)).diagnosis().code().step());
    }

    @org.junit.jupiter.api.Test
    void noRouteToHostSaysWhatToCheckAndIsRetried() {
        Diagnosis diagnosis = ConnectFailures.of(new NoRouteToHostException("No route to host"), WHERE,
                Duration.ofSeconds(5)).diagnosis();
        assertEquals("check the address; is the host up, and reachable from here (VPN, routes, firewall)?",
                diagnosis.fix());
        assertTrue(diagnosis.isTransient(), "a host that comes back up is worth retrying");
    }

    @org.junit.jupiter.api.Test
    void anUnknownHostFailsTheResolveStep() {
        StepFailure classified = ConnectFailures.unknownHost("exmaple.test", "exmaple.test: Name or service not known");
        assertEquals(DiagnosisCode.Step.RESOLVE, classified.step());
        assertEquals(DiagnosisCode.UNKNOWN_HOST, classified.diagnosis().code());
        assertEquals("cannot resolve host \"exmaple.test\"", classified.diagnosis().cause());
    }
}
