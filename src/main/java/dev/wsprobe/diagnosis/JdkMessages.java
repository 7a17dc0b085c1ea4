package dev.wsprobe.diagnosis;

import java.net.ConnectException;
import java.util.List;

/**
 * The one place that reads the JDK's exception messages. The JDK has no exception types for these cases, so the
 * text is all there is; each test names the message it relies on (checked on JDK 17).
 */
final class JdkMessages {
    private static final List<String> CLIENT_CERTIFICATE_ALERTS =
            List.of("certificate_required", "bad_certificate", "unknown_ca", "certificate_unknown");

    private JdkMessages() {
    }

    /** {@code ConnectException: Connection refused}: nothing listens on the port. */
    static boolean isRefused(Throwable failure) {
        return failure instanceof ConnectException && String.valueOf(failure.getMessage()).contains("refused");
    }

    /** {@code ConnectException: Network is unreachable}: no route from here, like NoRouteToHostException. */
    static boolean isNetworkUnreachable(Throwable failure) {
        return failure instanceof ConnectException
                && String.valueOf(failure.getMessage()).contains("Network is unreachable");
    }

    /** An alert the server sent ("Received fatal alert: ..."): the peer speaks TLS, even if it refused us. */
    static boolean isAlertFromPeer(Throwable failure) {
        return String.valueOf(failure.getMessage()).contains("Received fatal alert");
    }

    /**
     * The server refused our client certificate (or our lack of one). Only an alert the server sent counts:
     * our own refusal of its certificate reads differently.
     */
    static boolean isClientCertificateAlert(Throwable failure) {
        String message = Failures.summary(failure);
        return CLIENT_CERTIFICATE_ALERTS.stream().anyMatch(alert -> message.contains("Received fatal alert: " + alert));
    }

    /** What the JDK says when a TLS client gets a plain-text answer. */
    static boolean isNotTls(String summary) {
        return summary.contains("Unsupported or unrecognized SSL message");
    }

    /** Hostname verification failed. */
    static boolean isHostNameMismatch(String summary) {
        return summary.contains("No subject alternative") || summary.contains("No name matching");
    }

    /** The certificate chain does not lead to a trusted CA (or its signature does not check out). */
    static boolean isUntrusted(String summary) {
        return summary.contains("PKIX") || summary.contains("certification path") || summary.contains("trust anchor")
                || summary.contains("signature check failed");
    }

    /** The peer closed while we were still writing. */
    static boolean isClosedUnderUs(String summary) {
        return summary.contains("Broken pipe") || summary.contains("Connection reset");
    }
}
