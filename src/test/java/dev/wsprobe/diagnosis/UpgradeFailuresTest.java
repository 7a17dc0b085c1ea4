package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.wire.Upgrade;
import java.io.IOException;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The HTTP upgrade step: what the answer (or its absence) means, with what the probes would find. */
class UpgradeFailuresTest {
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final CheckTarget WS = CheckTarget.of(URI.create("ws://localhost:12345/echo"));
    private static final CheckTarget WSS = CheckTarget.of(URI.create("wss://localhost:12346/echo"));

    static Stream<Arguments> answers() {
        byte[] tlsAlert = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};
        return Stream.of(
                Arguments.of("closed, port speaks TLS", WS, new byte[0], FakePeerFacts.tls(),
                        DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.TLS_EXPECTED),
                Arguments.of("closed, plain server", WS, new byte[0], FakePeerFacts.NOTHING,
                        DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.CONNECTION_DROPPED),
                Arguments.of("closed after asking for a client certificate", WSS, new byte[0], FakePeerFacts.mutualTls(),
                        DiagnosisCode.Step.TLS, DiagnosisCode.CLIENT_CERTIFICATE_REJECTED),
                Arguments.of("a TLS record", WS, tlsAlert, FakePeerFacts.NOTHING,
                        DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.TLS_EXPECTED),
                Arguments.of("not HTTP", WS, ascii("SSH-2.0-OpenSSH_9.2\r\n"), FakePeerFacts.NOTHING,
                        DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.NOT_WEBSOCKET),
                Arguments.of("404", WS, ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"),
                        FakePeerFacts.NOTHING, DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.HTTP_CLIENT_ERROR),
                Arguments.of("101 with a wrong accept", WS, ascii("HTTP/1.1 101 Switching Protocols\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: wrong=\r\n\r\n"),
                        FakePeerFacts.NOTHING, DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.NOT_WEBSOCKET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void eachWrongAnswerGetsItsStepAndCode(String name, CheckTarget target, byte[] raw, PeerFacts peer,
            DiagnosisCode.Step step, DiagnosisCode code) {
        StepFailure failure = UpgradeFailures.answer(raw, "", KEY, target, peer, CheckRequest.NONE).orElseThrow();
        assertEquals(step, failure.step());
        assertEquals(code, failure.diagnosis().code());
    }

    @Test
    void aCorrect101PassesWithItsDetail() {
        byte[] raw = ascii(Upgrade.switchingProtocols(KEY));
        assertEquals(Optional.empty(), UpgradeFailures.answer(raw, "", KEY, WS, FakePeerFacts.NOTHING, CheckRequest.NONE));
        assertEquals("101 Switching Protocols; extensions: -; subprotocol: -; response headers: upgrade: websocket, "
                + "connection: Upgrade, sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                UpgradeFailures.passed(dev.wsprobe.wire.HttpHead.parse(raw)));
    }

    static Stream<Arguments> agreements() {
        return Stream.of(
                Arguments.of("", List.of(), null),
                Arguments.of("Sec-WebSocket-Protocol: chat\r\n", List.of("mqtt", "chat"), null),
                Arguments.of("", List.of("chat"), "the server accepted the upgrade but agreed on none of the "
                        + "subprotocols offered (chat)"),
                Arguments.of("Sec-WebSocket-Protocol: stomp\r\n", List.of("chat"), "the server chose the subprotocol "
                        + "\"stomp\", which is not one of those offered (chat)"),
                Arguments.of("Sec-WebSocket-Protocol: chat\r\n", List.of(), "the server chose the subprotocol "
                        + "\"chat\", which was not offered (none was)"));
    }

    @ParameterizedTest(name = "{0} offered {1}")
    @MethodSource("agreements")
    void a101MustAgreeOnAnOfferedSubprotocol(String protocolHeader, List<String> offered, String cause) {
        String switched = Upgrade.switchingProtocols(KEY);
        byte[] raw = ascii(switched.substring(0, switched.length() - 2) + protocolHeader + "\r\n");
        Optional<StepFailure> failure = UpgradeFailures.answer(raw, "", KEY, WS, FakePeerFacts.NOTHING,
                CheckRequest.NONE.withSubprotocols(offered));
        assertEquals(Optional.ofNullable(cause), failure.map(found -> found.diagnosis().cause()));
        failure.ifPresent(found -> assertEquals(DiagnosisCode.SUBPROTOCOL_NOT_AGREED, found.diagnosis().code()));
    }

    static Stream<Arguments> silences() {
        return Stream.of(
                Arguments.of(WS, FakePeerFacts.tls(), DiagnosisCode.TLS_EXPECTED, "no HTTP answer; the port speaks TLS"),
                Arguments.of(WS, FakePeerFacts.NOTHING, DiagnosisCode.HANDSHAKE_TIMEOUT, "no answer within 2 s"),
                // over wss the TLS probe is not asked: the port obviously speaks TLS
                Arguments.of(WSS, FakePeerFacts.tls(), DiagnosisCode.HANDSHAKE_TIMEOUT, "no answer within 2 s"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("silences")
    void noAnswerToTheUpgrade(CheckTarget target, PeerFacts peer, DiagnosisCode code, String detail) {
        StepFailure failure = UpgradeFailures.timedOut(target, peer, Duration.ofSeconds(2));
        assertEquals(DiagnosisCode.Step.HANDSHAKE, failure.step());
        assertEquals(code, failure.diagnosis().code());
        assertEquals(detail, failure.detail());
    }

    static Stream<Arguments> drops() {
        return Stream.of(
                Arguments.of(WS, new SocketException("Connection reset"), FakePeerFacts.tls(),
                        DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.TLS_EXPECTED),
                Arguments.of(WS, new SocketException("Connection reset"), FakePeerFacts.NOTHING,
                        DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.CONNECTION_DROPPED),
                Arguments.of(WSS, new SSLHandshakeException("Received fatal alert: certificate_required"),
                        FakePeerFacts.NOTHING, DiagnosisCode.Step.TLS, DiagnosisCode.CLIENT_CERTIFICATE_REJECTED),
                Arguments.of(WSS, new SocketException("Broken pipe"), FakePeerFacts.mutualTls(),
                        DiagnosisCode.Step.TLS, DiagnosisCode.CLIENT_CERTIFICATE_REJECTED),
                Arguments.of(WSS, new SocketException("Broken pipe"), FakePeerFacts.tls(),
                        DiagnosisCode.Step.HANDSHAKE, DiagnosisCode.CONNECTION_DROPPED));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("drops")
    void aDroppedUpgrade(CheckTarget target, IOException failure, PeerFacts peer, DiagnosisCode.Step step,
            DiagnosisCode code) {
        StepFailure classified = UpgradeFailures.dropped(failure, target, peer);
        assertEquals(step, classified.step());
        assertEquals(code, classified.diagnosis().code());
        assertTrue(classified.detail().contains(Failures.summary(failure)) || code == DiagnosisCode.TLS_EXPECTED,
                classified.detail());
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
