package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Tunnel;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The proxy step of a check: on the connection open to an HTTP proxy, asks it for a tunnel to the server
 * ({@code CONNECT host:port}) and passes, or fails with what the proxy's answer (or silence) means.
 */
final class ProxyTunnel {
    private ProxyTunnel() {
    }

    static void open(Socket toProxy, CheckTarget target, CheckRequest.ProxyRoute proxy, Duration timeout,
            Transcript transcript, CheckSteps steps) throws StepFailed {
        steps.begin();
        String request = Tunnel.request(target.authority(), proxy.authorization());
        transcript.sent(request);
        byte[] raw;
        try {
            toProxy.setSoTimeout(TlsSockets.millis(timeout));
            toProxy.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            toProxy.getOutputStream().flush();
            raw = HttpHead.readRaw(toProxy.getInputStream());
        } catch (SocketTimeoutException e) {
            throw steps.fail(ProxyFailures.noAnswer(proxy, "no answer within " + Words.seconds(timeout)));
        } catch (IOException e) {
            throw steps.fail(ProxyFailures.noAnswer(proxy, Failures.summary(e)));
        }
        if (!HttpHead.isComplete(raw) || !new String(raw, StandardCharsets.ISO_8859_1).startsWith("HTTP/")) {
            throw steps.fail(ProxyFailures.noAnswer(proxy, raw.length == 0 ? "it closed the connection"
                    : "its answer is not HTTP"));
        }
        HttpHead answer = HttpHead.parse(raw);
        transcript.received(answer);
        Optional<StepFailure> refused = ProxyFailures.answer(answer, target.authority(), proxy);
        if (refused.isPresent()) {
            throw steps.fail(refused.get());
        }
        steps.pass(DiagnosisCode.Step.CONNECT, "tunnel to " + target.authority() + " through the proxy: "
                + answer.startLine());
    }
}
