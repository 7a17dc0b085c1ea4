/**
 * The Prometheus metrics of a server, read from its {@link dev.wsprobe.server.ServerContext} at each scrape, and
 * their page in the Prometheus text format ({@code /metrics} on both hosts). Built on the Prometheus Java client's
 * data model and text writer only (no metric objects of its own on the message path); in the jar and the WAR.
 */
package dev.wsprobe.metrics;
