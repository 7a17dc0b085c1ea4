package dev.wsprobe.load;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Each connection is an open file. Checked before the first connection so that a limit that is too low
 * (`ulimit -n`) ends in one line saying so, not in thousands of "Too many open files" failures halfway.
 */
public final class OpenFileLimit {
    /** Files the load opens besides its connections (already open ones are counted): selectors, their wake-up pipes, the status client. */
    static final int HEADROOM = 40;

    private OpenFileLimit() {
    }

    /** @throws IllegalStateException with the one-line explanation when {@code connections} do not fit */
    public static void check(int connections) {
        OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
        if (system instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            check(connections, unix.getOpenFileDescriptorCount(), unix.getMaxFileDescriptorCount());
        }
    }

    static void check(int connections, long openNow, long limit) {
        long needed = openNow + connections + HEADROOM;
        if (needed > limit) {
            long fits = Math.max(0, limit - openNow - HEADROOM);
            throw new IllegalStateException(connections + " connections need about " + needed
                    + " open files, but this process may open only " + limit + " (ulimit -n): raise it, e.g. "
                    + "`ulimit -n " + roundUp(needed) + "` in this shell (up to the hard limit, `ulimit -Hn`), "
                    + "or use at most " + fits + " --connections; a server on this machine needs as many");
        }
    }

    private static long roundUp(long files) {
        return (files + 999) / 1000 * 1000;
    }
}
