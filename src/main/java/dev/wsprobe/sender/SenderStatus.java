package dev.wsprobe.sender;

import java.net.URI;

/**
 * A running sender at one moment, for status pages.
 *
 * @param state        current connection state, e.g. {@code ready} or {@code waiting(Connection refused)}
 * @param target       where it sends
 * @param sent         sends reported without error, over every connection it made
 * @param sendFailures sends reported with an error
 */
public record SenderStatus(ConnectionState state, URI target, long sent, long sendFailures) {
}
