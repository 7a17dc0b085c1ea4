package dev.wsprobe.diagnosis;

import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

/**
 * Explains why a connection attempt failed. The exception a WebSocket client throws is often useless
 * ("Handshake error.", "Connection failed." after 30 s), so the diagnosis comes from a fresh
 * {@link ConnectionCheck} of the same URL: it fails at the same step and sees what the peer really speaks.
 *
 * @param trust          what the client trusts (null: the JDK's default CAs), so the check judges the
 *                       certificate as the client did
 * @param verifyHostName as the client does
 * @param timeout        the handshake timeout: a peer that answers nothing in this time is diagnosed so
 * @param request        what the client sent (headers, credentials, subprotocols, proxy): the check sends the same,
 *                       so a refusal of what the user did send is not mistaken for one of what was missing
 */
public record Diagnoser(SSLContext trust, boolean verifyHostName, Duration timeout, CheckRequest request) {
    private static final Duration PROBE_AFTER_TIMEOUT = Duration.ofSeconds(2);

    public Diagnoser(SSLContext trust, boolean verifyHostName, Duration timeout) {
        this(trust, verifyHostName, timeout, CheckRequest.NONE);
    }

    public Diagnoser {
        request = request == null ? CheckRequest.NONE : request;
    }

    /**
     * While a connection attempt is still waiting: whether the port speaks the other scheme (TLS to a ws:// URL,
     * plain HTTP to a wss:// one), found by one short probe connection. A client that gets no answer learns so
     * after its whole handshake timeout (Tyrus: "Handshake response not received."); this says it at once.
     */
    public Optional<Diagnosis> schemeMismatch(URI target) {
        CheckTarget where = CheckTarget.of(target);
        PeerProbes probes = new PeerProbes(where, request.proxy());
        if (where.secure()) {
            return probes.speaksOnlyPlainHttp() ? Optional.of(TlsFailures.tlsNotSpoken(where.port())) : Optional.empty();
        }
        return probes.speaksTls() ? Optional.of(TlsFailures.tlsExpected(where.port())) : Optional.empty();
    }

    public Diagnosis diagnose(URI target, Throwable failure) {
        if (hasCause(failure, UnresolvedAddressException.class) || hasCause(failure, UnknownHostException.class)) {
            // decisive as it is, and a check would only ask the resolver again
            return ConnectFailures.unknownHost(target.getHost(), "").diagnosis();
        }
        // When the client already waited its whole timeout, the check need not wait as long again: a peer
        // silent for that long will not answer a probe in the next seconds either.
        boolean clientTimedOut = hasCause(failure, TimeoutException.class);
        Duration probeTimeout = clientTimedOut && timeout.compareTo(PROBE_AFTER_TIMEOUT) > 0 ? PROBE_AFTER_TIMEOUT
                : timeout;
        CheckReport check = ConnectionCheck.run(target, new ConnectionCheck.Settings(trust, verifyHostName,
                probeTimeout, false).withClient(request));
        if (check.failure().isPresent() && check.failure().get().code() == DiagnosisCode.HANDSHAKE_TIMEOUT) {
            return new Diagnosis(DiagnosisCode.HANDSHAKE_TIMEOUT, "connected, but no handshake answer within "
                    + Words.seconds(timeout), check.failure().get().fix());
        }
        return check.failure().orElseGet(() -> new Diagnosis(DiagnosisCode.CONNECT_FAILED_UNEXPLAINED,
                "the connection failed (" + Failures.summary(failure) + ") but a fresh check of the server passed",
                "retrying; if it repeats, run wsprobe check with --verbose"));
    }


    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable link = failure; link != null; link = link.getCause()) {
            if (type.isInstance(link)) {
                return true;
            }
            if (link.getCause() == link) {
                break;
            }
        }
        return false;
    }
}
