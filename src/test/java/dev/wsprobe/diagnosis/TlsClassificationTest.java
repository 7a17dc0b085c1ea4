package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.testing.TestPki;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** TLS failures, from the JDK's exception and what the probes would find (certificates made here, no sockets). */
class TlsClassificationTest {
    private static final CheckTarget TARGET = CheckTarget.of(URI.create("wss://127.0.0.1:12346/echo"));
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final TestPki PKI = new TestPki();

    static Stream<Arguments> failures() {
        X509Certificate valid = PKI.serverIdentity("localhost").certificate();
        X509Certificate expired = PKI.issue(List.of("localhost"), NOW.minus(30, ChronoUnit.DAYS),
                NOW.minus(1, ChronoUnit.DAYS)).certificate();
        X509Certificate notYetValid = PKI.issue(List.of("localhost"), NOW.plus(1, ChronoUnit.DAYS),
                NOW.plus(30, ChronoUnit.DAYS)).certificate();
        SSLHandshakeException pkix = new SSLHandshakeException("PKIX path building failed: unable to find valid "
                + "certification path to requested target");
        return Stream.of(
                Arguments.of("plain text answer", new SSLException("Unsupported or unrecognized SSL message"),
                        FakePeerFacts.NOTHING, DiagnosisCode.TLS_NOT_SPOKEN,
                        "the server at port 12346 does not speak TLS"),
                Arguments.of("closed, port speaks HTTP", new SSLHandshakeException("Remote host terminated the handshake"),
                        FakePeerFacts.plainHttp(), DiagnosisCode.TLS_NOT_SPOKEN,
                        "the server at port 12346 does not speak TLS"),
                Arguments.of("closed, nothing learned", new SSLHandshakeException("Remote host terminated the handshake"),
                        FakePeerFacts.NOTHING, DiagnosisCode.TLS_FAILED,
                        "the TLS handshake with port 12346 failed: Remote host terminated the handshake"),
                Arguments.of("client certificate alert", new SSLHandshakeException(
                        "Received fatal alert: certificate_required"), FakePeerFacts.NOTHING,
                        DiagnosisCode.CLIENT_CERTIFICATE_REJECTED, TlsFailures.clientCertificateRejected().cause()),
                Arguments.of("expired", pkix, FakePeerFacts.presenting(expired), DiagnosisCode.CERTIFICATE_EXPIRED,
                        "certificate for localhost expired on " + expired.getNotAfter().toInstant()),
                Arguments.of("not yet valid", pkix, FakePeerFacts.presenting(notYetValid),
                        DiagnosisCode.CERTIFICATE_NOT_YET_VALID,
                        "certificate for localhost is not valid before " + notYetValid.getNotBefore().toInstant()),
                Arguments.of("name mismatch", new SSLHandshakeException("No subject alternative names matching IP "
                        + "address 127.0.0.1 found"), FakePeerFacts.presenting(valid), DiagnosisCode.HOST_NAME_MISMATCH,
                        "certificate is for \"localhost\" but you connected to \"127.0.0.1\""),
                Arguments.of("unknown CA", pkix, FakePeerFacts.presenting(valid), DiagnosisCode.CERTIFICATE_UNTRUSTED,
                        "server certificate for localhost is not trusted (issued by CN=wsprobe test CA,O=wsprobe development, an unknown CA)"),
                Arguments.of("closed under us by a mutual-TLS server", new SocketException("Broken pipe"),
                        new FakePeerFacts(true, false, true, valid), DiagnosisCode.CLIENT_CERTIFICATE_REJECTED,
                        TlsFailures.clientCertificateRejected().cause()),
                Arguments.of("anything else", new SSLHandshakeException("no cipher suites in common"),
                        FakePeerFacts.presenting(valid), DiagnosisCode.TLS_FAILED,
                        "the TLS handshake failed: no cipher suites in common"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void eachTlsFailureGetsItsCodeAndWords(String name, Exception failure, PeerFacts peer, DiagnosisCode code,
            String cause) {
        StepFailure classified = TlsFailures.of(failure, TARGET, peer, NOW, Duration.ofSeconds(2));
        assertEquals(DiagnosisCode.Step.TLS, classified.step());
        assertEquals(code, classified.diagnosis().code());
        assertEquals(cause, classified.diagnosis().cause());
        assertEquals(Failures.summary(failure), classified.detail());
    }

    @Test
    void noTlsAnswerIsAHandshakeTimeoutUnlessThePortSpeaksHttp() {
        SocketTimeoutException silence = new SocketTimeoutException("Read timed out");
        StepFailure silent = TlsFailures.of(silence, TARGET, FakePeerFacts.NOTHING, NOW, Duration.ofSeconds(2));
        assertEquals(DiagnosisCode.HANDSHAKE_TIMEOUT, silent.diagnosis().code());
        assertEquals("no TLS answer within 2 s", silent.detail());
        StepFailure http = TlsFailures.of(silence, TARGET, FakePeerFacts.plainHttp(), NOW, Duration.ofSeconds(2));
        assertEquals(DiagnosisCode.TLS_NOT_SPOKEN, http.diagnosis().code());
        assertEquals("no TLS answer; the port speaks plain HTTP", http.detail());
    }
}
