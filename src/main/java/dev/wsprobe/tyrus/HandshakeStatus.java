package dev.wsprobe.tyrus;

import java.util.OptionalInt;
import org.glassfish.tyrus.client.auth.AuthenticationException;
import org.glassfish.tyrus.client.exception.DeploymentHandshakeException;
import org.glassfish.tyrus.core.HandshakeException;

/** The HTTP status a Tyrus client's failed upgrade got, when the failure carries one. */
public final class HandshakeStatus {
    private HandshakeStatus() {
    }

    private static final java.util.regex.Pattern PROXY_ERROR = java.util.regex.Pattern.compile(
            "Proxy error\\. (\\d{3})");

    /** The status an HTTP proxy answered the CONNECT with, when the failure says so (Tyrus: "Proxy error. 407"). */
    public static OptionalInt ofProxy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            java.util.regex.Matcher match = PROXY_ERROR.matcher(String.valueOf(cause.getMessage()));
            if (match.find()) {
                return OptionalInt.of(Integer.parseInt(match.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    /** The status the server answered the upgrade with. */
    public static OptionalInt of(Throwable failure) {
        if (ofProxy(failure).isPresent()) {
            return OptionalInt.empty();
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthenticationException) {
                return OptionalInt.of(401);
            }
            if (cause instanceof DeploymentHandshakeException handshake && handshake.getHttpStatusCode() > 0) {
                return OptionalInt.of(handshake.getHttpStatusCode());
            }
            if (cause instanceof HandshakeException handshake && handshake.getHttpStatusCode() > 0) {
                return OptionalInt.of(handshake.getHttpStatusCode());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return OptionalInt.empty();
    }
}
