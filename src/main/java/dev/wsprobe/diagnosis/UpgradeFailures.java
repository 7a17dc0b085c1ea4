package dev.wsprobe.diagnosis;


import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Upgrade;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Classifies the HTTP upgrade step: no answer, a dropped connection, or an answer that is not a 101. */
final class UpgradeFailures {
    private UpgradeFailures() {
    }

    /** No answer within {@code timeout}. */
    static StepFailure timedOut(CheckTarget target, PeerFacts peer, Duration timeout) {
        if (!target.secure() && peer.speaksTls()) {
            return new StepFailure(DiagnosisCode.Step.HANDSHAKE, "no HTTP answer; the port speaks TLS",
                    TlsFailures.tlsExpected(target.port()));
        }
        return new StepFailure(DiagnosisCode.Step.HANDSHAKE, "no answer within " + Words.seconds(timeout),
                new Diagnosis(DiagnosisCode.HANDSHAKE_TIMEOUT, "connected, but no handshake answer within "
                        + Words.seconds(timeout), "is this a WebSocket server? is it overloaded?"));
    }

    /** Writing the request or reading the answer failed. */
    static StepFailure dropped(IOException failure, CheckTarget target, PeerFacts peer) {
        if (!target.secure() && peer.speaksTls()) {
            return new StepFailure(DiagnosisCode.Step.HANDSHAKE, "connection dropped; the port speaks TLS",
                    TlsFailures.tlsExpected(target.port()));
        }
        String summary = Failures.summary(failure);
        if (target.secure() && (JdkMessages.isClientCertificateAlert(failure) || peer.requestsClientCertificate())) {
            // TLS 1.3: the server judges the client certificate after our side of the handshake is done,
            // and a server that refuses it may just close
            return new StepFailure(DiagnosisCode.Step.TLS, "the server asked for a client certificate, then closed ("
                    + summary + ")", TlsFailures.clientCertificateRejected());
        }
        return new StepFailure(DiagnosisCode.Step.HANDSHAKE, summary, new Diagnosis(DiagnosisCode.CONNECTION_DROPPED,
                "the server dropped the connection during the upgrade (" + summary + ")",
                "look at the server's log; retrying"));
    }

    /**
     * Judges the answer to the upgrade request.
     *
     * @param raw what came back, as {@link HttpHead#readRaw} read it (empty: the server closed)
     * @param page    what the body of an answer other than 101 says ({@link Words#pageText}), "" for nothing
     * @param key     the request's Sec-WebSocket-Key
     * @param request what the request carried (credentials, subprotocols), to judge the answer by
     * @return empty when the server switched to WebSocket correctly
     */
    static Optional<StepFailure> answer(byte[] raw, String page, String key, CheckTarget target, PeerFacts peer,
            CheckRequest request) {
        if (raw.length == 0) {
            if (!target.secure() && peer.speaksTls()) {
                return failed("closed without answer; the port speaks TLS", TlsFailures.tlsExpected(target.port()));
            }
            if (target.secure() && peer.requestsClientCertificate()) {
                // as in dropped(): a server refusing our client certificate closes without a word
                return Optional.of(new StepFailure(DiagnosisCode.Step.TLS, "the server asked for a client "
                        + "certificate, then closed", TlsFailures.clientCertificateRejected()));
            }
            return failed("closed without answer", new Diagnosis(DiagnosisCode.CONNECTION_DROPPED,
                    "the server closed the connection without answering the upgrade", "look at the server's log; retrying"));
        }
        if (!target.secure() && HttpHead.isTlsRecord(raw)) {
            return failed("answered with a TLS record", TlsFailures.tlsExpected(target.port()));
        }
        if (!new String(raw, StandardCharsets.ISO_8859_1).startsWith("HTTP/")) {
            return failed("answer is not HTTP", new Diagnosis(DiagnosisCode.NOT_WEBSOCKET, "the server at port "
                    + target.port() + " answered with something that is not HTTP",
                    "check the port: this is not a WebSocket server"));
        }
        HttpHead head = HttpHead.parse(raw);
        if (head.status() != 101) {
            return failed(head.startLine() + "; response headers: " + head.headersInOneLine(),
                    HttpStatusDiagnoses.of(head, page, target.uri(), request));
        }
        if (!Upgrade.accepted(key, head)) {
            return failed(head.startLine() + " with a wrong Sec-WebSocket-Accept", new Diagnosis(
                    DiagnosisCode.NOT_WEBSOCKET, "the server switched protocols but its Sec-WebSocket-Accept is wrong",
                    "the peer is not a conforming WebSocket server"));
        }
        return subprotocolAgreed(head, request.subprotocols());
    }

    /** A 101 must name one of the subprotocols offered, and none when none was offered (RFC 6455 4.1). */
    static Optional<StepFailure> subprotocolAgreed(HttpHead head, List<String> offered) {
        String chosen = head.header("sec-websocket-protocol");
        if (chosen != null && !offered.contains(chosen)) {
            return failed(head.startLine() + " with subprotocol " + chosen + ", not offered", new Diagnosis(
                    DiagnosisCode.SUBPROTOCOL_NOT_AGREED, "the server chose the subprotocol \"" + chosen + "\", which "
                    + (offered.isEmpty() ? "was not offered (none was)" : "is not one of those offered ("
                    + String.join(", ", offered) + ")"), "a conforming client (every browser) fails this connection: "
                    + "offer it with -s " + chosen + " if that is what you want, else the server is wrong"));
        }
        if (chosen == null && !offered.isEmpty()) {
            return failed(head.startLine() + " without a subprotocol", new Diagnosis(
                    DiagnosisCode.SUBPROTOCOL_NOT_AGREED, "the server accepted the upgrade but agreed on none of the "
                    + "subprotocols offered (" + String.join(", ", offered) + ")", "the server speaks none of them: "
                    + "check the names given with -s (a client that needs one of them cannot talk to this server)"));
        }
        return Optional.empty();
    }

    /** The detail of a passed upgrade: status, extensions, subprotocol, headers. */
    static String passed(HttpHead head) {
        String statusLine = head.startLine();
        return statusLine.substring(statusLine.indexOf(' ') + 1)
                + "; extensions: " + headerOrDash(head, "sec-websocket-extensions")
                + "; subprotocol: " + headerOrDash(head, "sec-websocket-protocol")
                + "; response headers: " + head.headersInOneLine();
    }

    private static String headerOrDash(HttpHead head, String name) {
        return head.headers().getOrDefault(name, "-");
    }

    private static Optional<StepFailure> failed(String detail, Diagnosis diagnosis) {
        return Optional.of(new StepFailure(DiagnosisCode.Step.HANDSHAKE, detail, diagnosis));
    }
}
