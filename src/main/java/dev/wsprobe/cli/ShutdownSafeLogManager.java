package dev.wsprobe.cli;

import java.util.logging.LogManager;

/**
 * The JDK resets java.util.logging in a shutdown hook of its own, racing ours: lines logged while the server
 * says goodbye (1001) on Ctrl-C would vanish. This manager ignores that reset; the JVM's exit flushes our
 * handler anyway. Installed by {@link Main} through the {@code java.util.logging.manager} property.
 */
public final class ShutdownSafeLogManager extends LogManager {
    @Override
    public void reset() {
        // deliberately nothing: see the class comment
    }
}
