/**
 * The command line of the runnable jar (picocli): one class per command, the option groups they share, the
 * exit codes and the console's log format. Uses the hosts and the core; nothing depends on it.
 */
package dev.wsprobe.cli;
