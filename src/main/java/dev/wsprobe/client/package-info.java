/**
 * The shared client options (headers, authentication, Origin, subprotocols, proxy, compression) as plain
 * immutable values, the masking of secrets, and the interactive client behind {@code wsprobe connect}. Standard
 * {@code jakarta.websocket} API only: the Tyrus adapters ({@code dev.wsprobe.tyrus}) turn these values into
 * Tyrus client properties.
 */
package dev.wsprobe.client;
