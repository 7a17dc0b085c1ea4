package dev.wsprobe.diagnosis;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The TLS step of a check: the handshake over the open connection, then what was negotiated and what the
 * certificate check said (or, under {@code --insecure}, would have said).
 */
final class TlsStep {
    private TlsStep() {
    }

    static SSLSocket run(Socket tcp, CheckTarget target, ConnectionCheck.Settings settings, PeerProbes probes,
            CheckSteps steps) throws StepFailed {
        steps.begin();
        SchemeProbe plainHttp = SchemeProbe.duringTls(tcp, settings.probeAfterSilence(), probes, target);
        SSLSocket socket;
        try {
            SSLContext context = settings.trust() != null ? settings.trust() : SSLContext.getDefault();
            socket = TlsSockets.handshake(context, tcp, target, settings.verifyHostName(), settings.timeout());
            plainHttp.answered();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Optional<StepFailure> wrongScheme = plainHttp.explainsFailure();
            throw steps.fail(wrongScheme.isPresent() ? wrongScheme.get()
                    : TlsFailures.of(e, target, probes, Instant.now(), settings.timeout()));
        }
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            String accepted = settings.exchange() ? "; server accepts " + probes.acceptedProtocols() : "";
            steps.pass(DiagnosisCode.Step.TLS, socket.getSession().getProtocol() + " "
                    + socket.getSession().getCipherSuite() + "; " + CertificateText.describe(leaf) + "; "
                    + judged(chain, leaf, target, settings) + accepted);
            return socket;
        } catch (IOException | RuntimeException e) {
            throw steps.fail(TlsFailures.of(e, target, probes, Instant.now(), settings.timeout()));
        }
    }

    /** What the certificate check said, or, when {@code --insecure} turned it off, what it would have said. */
    private static String judged(Certificate[] chain, X509Certificate leaf, CheckTarget target,
            ConnectionCheck.Settings settings) {
        if (settings.verifyHostName()) {
            return "trusted, name matches";
        }
        X509Certificate[] x509 = Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        boolean trusted = settings.trust() == null || HostNames.trustedByDefaultCas(x509, "UNKNOWN");
        boolean named = HostNames.covers(CertificateText.names(leaf), target.host());
        if (trusted && named) {
            return "not checked (--insecure), but trusted by the JDK's CAs and the name matches";
        }
        return "NOT checked (--insecure let it pass): " + (trusted ? "trusted by the JDK's CAs" : "not trusted by the "
                + "JDK's CAs (" + CertificateText.issuer(leaf) + ")") + ", " + (named ? "the name matches"
                : "the name does NOT match " + target.host());
    }
}
