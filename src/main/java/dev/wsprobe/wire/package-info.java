/**
 * RFC 6455 on raw sockets, without any WebSocket library: the HTTP upgrade (key, accept hash, request and
 * response heads) and frames (opcodes, lengths, masking, close payloads). {@code wsprobe check} uses it to see
 * what a peer really speaks; the test fixtures use it to send what no client library would. The one copy of
 * this code in the project.
 */
package dev.wsprobe.wire;
