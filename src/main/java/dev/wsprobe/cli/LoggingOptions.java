package dev.wsprobe.cli;

import picocli.CommandLine.Option;

/** Options every subcommand has. */
public final class LoggingOptions {
    @Option(names = {"-v", "--verbose"}, description = "Show library logs and stack traces (check: also the request and "
            + "response headers, secrets masked).")
    boolean verbose;

    void install() {
        ConsoleLogging.install(verbose);
    }

    /** Log lines to stderr: for a command whose stdout carries data. */
    void installOnStderr() {
        ConsoleLogging.install(verbose, System.err);
    }
}
