package dev.wsprobe.diagnosis;

import java.security.cert.X509Certificate;

/**
 * What extra probe connections can find out about the peer, asked only when a classifier needs it (each may
 * cost a connection and up to a couple of seconds). {@link PeerProbes} asks the network; tests answer from a
 * table.
 */
interface PeerFacts {
    /** Whether the port answers a TLS client hello in TLS (even with a refusal). */
    boolean speaksTls();

    /** Whether the port answers a plain HTTP request in HTTP. */
    boolean speaksPlainHttp();

    /** Whether the server asks for a client certificate during the TLS handshake (mutual TLS). */
    boolean requestsClientCertificate();

    /** The server's certificate, fetched without checking it; null when none could be had. */
    X509Certificate certificate();
}
