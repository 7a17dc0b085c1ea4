package dev.wsprobe.diagnosis;


import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Tunnel;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** Classifies the way to the server through an HTTP proxy: reaching the proxy, and its answer to CONNECT. Pure. */
final class ProxyFailures {
    private static final String UNREACHABLE_FIX = "is the proxy running at this address? check --proxy or the proxy "
            + "variables (https_proxy, http_proxy, all_proxy), or go direct with --no-proxy";

    private ProxyFailures() {
    }

    /** The proxy's host name does not resolve. */
    static StepFailure unknownHost(CheckRequest.ProxyRoute proxy, String resolverMessage) {
        return new StepFailure(DiagnosisCode.Step.RESOLVE, resolverMessage, new Diagnosis(
                DiagnosisCode.PROXY_UNREACHABLE, "cannot resolve the proxy host \"" + proxy.host() + "\" (from "
                + proxy.source() + ")", UNREACHABLE_FIX));
    }

    /** The TCP connection to the proxy failed. */
    static StepFailure unreachable(IOException last, String where, CheckRequest.ProxyRoute proxy, Duration timeout) {
        String why = JdkMessages.isRefused(last) ? "connection refused: nothing is listening there"
                : last instanceof java.net.SocketTimeoutException ? "no answer within " + Words.seconds(timeout)
                : Failures.summary(last);
        return new StepFailure(DiagnosisCode.Step.CONNECT, "proxy " + where + ": " + why, new Diagnosis(
                DiagnosisCode.PROXY_UNREACHABLE, "cannot reach the proxy " + where + " (from " + proxy.source()
                + "): " + why, UNREACHABLE_FIX));
    }

    /** Connected to the proxy, but no complete answer to CONNECT (timed out, closed, or not HTTP). */
    static StepFailure noAnswer(CheckRequest.ProxyRoute proxy, String what) {
        return new StepFailure(DiagnosisCode.Step.CONNECT, "no answer to CONNECT: " + what, new Diagnosis(
                DiagnosisCode.PROXY_UNREACHABLE, "the proxy " + proxy.shown() + " did not answer the CONNECT request ("
                + what + ")", "is this an HTTP proxy (one that supports CONNECT)? check --proxy or the proxy "
                + "variables"));
    }

    /**
     * Judges the proxy's answer to {@code CONNECT authority}.
     *
     * @return empty when the tunnel is open
     */
    static Optional<StepFailure> answer(HttpHead response, String authority, CheckRequest.ProxyRoute proxy) {
        if (Tunnel.opened(response)) {
            return Optional.empty();
        }
        int status = response.status();
        String answered = "the proxy answered HTTP " + status + " to CONNECT " + authority;
        String detail = response.startLine();
        if (status == 407) {
            String scheme = Words.authScheme(response.header("proxy-authenticate"));
            return failed(detail, proxy.hasCredentials()
                    ? new Diagnosis(DiagnosisCode.PROXY_AUTH_REQUIRED, answered + ": it refused the credentials sent"
                            + " (user " + proxy.user() + ")", "check the proxy user and password (--proxy-auth-file "
                            + "FILE or WSPROBE_PROXY_AUTH, user:password)")
                    : new Diagnosis(DiagnosisCode.PROXY_AUTH_REQUIRED, answered + ": it wants credentials ("
                            + scheme + ")", "give them with --proxy-auth-file FILE or WSPROBE_PROXY_AUTH "
                            + "(user:password)"));
        }
        if (status == 403) {
            return failed(detail, new Diagnosis(DiagnosisCode.PROXY_REFUSED, answered + ": it does not allow this "
                    + "tunnel", "the proxy's rules refuse this host or port (many allow CONNECT to 443 only): ask "
                    + "its administrator, or go direct with --no-proxy if the server is reachable"));
        }
        if (status >= 500) {
            // 502 and 504 by the book; tinyproxy says 500 "Unable to connect", Squid 503
            return failed(detail, new Diagnosis(DiagnosisCode.PROXY_TARGET_UNREACHABLE, answered + ": the proxy "
                    + "could not reach the server (" + detail + ")", "is the server running, and reachable from the "
                    + "proxy? check the URL's host and port"));
        }
        return failed(detail, new Diagnosis(DiagnosisCode.PROXY_REFUSED, answered + " (" + detail + ")",
                "the proxy refuses this tunnel: look at its log, or go direct with --no-proxy"));
    }

    private static Optional<StepFailure> failed(String detail, Diagnosis diagnosis) {
        return Optional.of(new StepFailure(DiagnosisCode.Step.CONNECT, detail, diagnosis));
    }
}
