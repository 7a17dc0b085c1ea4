package dev.wsprobe.diagnosis;

import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Finds a URL with the wrong scheme while its step still waits: a plain HTTP port never answers a TLS hello
 * (wss:// to a ws:// port), and a TLS port may never answer a plain upgrade request (ws:// to a wss:// port). After a
 * short silence a second connection ({@link SilenceWatch}, {@link PeerProbes}) asks the port whether it speaks the
 * other scheme; if it does, the waiting socket is closed and the step fails with that finding at once instead of
 * after its whole timeout.
 */
final class SchemeProbe {
    private final SilenceWatch watch;
    private final Supplier<StepFailure> finding;

    private SchemeProbe(SilenceWatch watch, Supplier<StepFailure> finding) {
        this.watch = watch;
        this.finding = finding;
    }

    /** While a TLS handshake waits for the server's hello: does the port speak only plain HTTP? */
    static SchemeProbe duringTls(Socket waiting, Duration quiet, PeerProbes probes, CheckTarget target) {
        return new SchemeProbe(SilenceWatch.start(waiting, quiet, probes::speaksOnlyPlainHttp),
                () -> new StepFailure(DiagnosisCode.Step.TLS, "no TLS answer; the port speaks plain HTTP",
                        TlsFailures.tlsNotSpoken(target.port())));
    }

    /** While a plain (ws://) upgrade waits for its answer: does the port speak TLS? Nothing for wss://. */
    static SchemeProbe duringUpgrade(Socket waiting, Duration quiet, PeerProbes probes, CheckTarget target) {
        return new SchemeProbe(SilenceWatch.start(waiting, target.secure() ? null : quiet, probes::speaksTls),
                () -> new StepFailure(DiagnosisCode.Step.HANDSHAKE, "no HTTP answer; the port speaks TLS",
                        TlsFailures.tlsExpected(target.port())));
    }

    /** The step got its answer: whatever the probe finds no longer matters. */
    void answered() {
        watch.cancel();
    }

    /** The step failed: the probe's finding when it caused the failure (it closed the socket), else empty. */
    Optional<StepFailure> explainsFailure() {
        return watch.stop() ? Optional.of(finding.get()) : Optional.empty();
    }
}
