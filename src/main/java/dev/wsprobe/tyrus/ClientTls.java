package dev.wsprobe.tyrus;

import javax.net.ssl.SSLContext;

/**
 * How a wss:// client checks the server: whom it trusts, and whether the certificate must name the host.
 * Only {@code --insecure} turns the host-name check off.
 */
public record ClientTls(SSLContext context, boolean verifyHostName) {
    public static ClientTls verifying(SSLContext context) {
        return new ClientTls(context, true);
    }
}
