/**
 * The standalone host: wsprobe's endpoints on Tyrus over a Grizzly HTTP server, with plain and TLS listeners,
 * the Grizzly filter that applies the handshake policy, the test page and {@code /status}. Runnable jar only.
 */
package dev.wsprobe.standalone;
