package dev.wsprobe.cli;

/** The process exit codes, as documented in the README. */
public final class ExitCodes {
    /** Done as asked (sender: sent its count, or stopped by the user). */
    static final int OK = 0;
    /** The connection failed, or the demo's conversation did not complete. */
    static final int FAILED = 1;
    /** Bad command line: unknown flag, bad value, bad URL. */
    static final int USAGE = 2;
    /** The environment does not allow it: missing or unreadable keystore, wrong password, port in use. */
    static final int SETUP = 3;
    /** A bug in wsprobe; the message asks for --verbose. */
    static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
