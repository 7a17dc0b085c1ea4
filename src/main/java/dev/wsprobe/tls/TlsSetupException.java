package dev.wsprobe.tls;

/**
 * A TLS input the user gave cannot be used (missing file, wrong password, not a certificate...).
 * The message is one line meant for the user: it names the file and what to do.
 */
public class TlsSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
