/**
 * The Tyrus client adapters: the runnable jar's implementations of the core's connector interfaces
 * ({@code ClientConnector}, {@code LoadConnector}), where Tyrus' client properties (TLS engine, timeouts,
 * shared container) are set. Runnable jar only; the WAR connects with its server's own client.
 */
package dev.wsprobe.tyrus;
