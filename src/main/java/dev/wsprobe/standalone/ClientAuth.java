package dev.wsprobe.standalone;

/** Whether the TLS listener asks clients for a certificate (mutual TLS). */
public enum ClientAuth {
    /** No client certificate asked for (the default). */
    NONE,
    /** Asked for; a client without one is still accepted. */
    WANT,
    /** Required: a client without a certificate the server's CA list trusts is refused. */
    NEED
}
