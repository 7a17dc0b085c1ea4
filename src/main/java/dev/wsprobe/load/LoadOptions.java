package dev.wsprobe.load;

import java.net.URI;
import java.time.Duration;

/**
 * What one load run does.
 *
 * @param target           ws:// or wss:// URL; a path containing "echo" is measured by round trips, any other
 *                         path by what the server counted (its {@code /status})
 * @param connections      how many connections to open (default 100)
 * @param rampPerSecond    new connections started per second (default 500)
 * @param ratePerSecond    messages per second on each connection (default 1); 0 = pipelined: as fast as the
 *                         peer answers, {@code inFlight} at a time
 * @param inFlight         pipelined only: messages outstanding per connection (default 16)
 * @param warmup           after the last connection opened, load that is not measured (default 0)
 * @param duration         the measured time (default 10 s)
 * @param sizeBytes        message size in bytes, at least {@link LoadMessage#MIN_SIZE} (default 52, the size of the
 *                         seed's "Hello Cruel World" message)
 * @param handshakeTimeout a connection not open by then counts as failed (default 10 s)
 * @param mode             how the run is measured: round trips ({@link Mode#ECHO}), the receiver's counts
 *                         ({@link Mode#RECEIVER}), or {@link Mode#AUTO}: echo when the path contains "echo"
 */
public record LoadOptions(URI target, int connections, double rampPerSecond, double ratePerSecond, int inFlight,
        Duration warmup, Duration duration, int sizeBytes, Duration handshakeTimeout, Mode mode) {
    public static final int DEFAULT_SIZE = 52;

    /** What the server at the target does with the messages, so what can be measured. */
    public enum Mode {
        /** Answers each message with the same message: round trips are measured. */
        ECHO,
        /** Counts what it receives (a wsprobe receiver): its {@code /status} is read. */
        RECEIVER,
        /** Echo when the URL's path contains "echo", receiver otherwise. */
        AUTO;

        public static Mode parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "echo" -> ECHO;
                case "receiver" -> RECEIVER;
                case "auto" -> AUTO;
                default -> throw new IllegalArgumentException("--mode must be echo, receiver or auto, got '" + text
                        + "'");
            };
        }
    }

    /** Measured as {@link Mode#AUTO} decides. */
    public LoadOptions(URI target, int connections, double rampPerSecond, double ratePerSecond, int inFlight,
            Duration warmup, Duration duration, int sizeBytes, Duration handshakeTimeout) {
        this(target, connections, rampPerSecond, ratePerSecond, inFlight, warmup, duration, sizeBytes,
                handshakeTimeout, Mode.AUTO);
    }

    public LoadOptions {
        java.util.Objects.requireNonNull(mode, "mode");
        require(connections >= 1, "--connections must be at least 1");
        require(rampPerSecond > 0, "--ramp must be more than 0 connections per second");
        require(ratePerSecond >= 0, "--rate cannot be negative");
        require(inFlight >= 1, "--in-flight must be at least 1");
        require(!duration.isNegative() && !duration.isZero(), "--duration must be more than 0");
        require(!warmup.isNegative(), "--warmup cannot be negative");
        require(sizeBytes >= LoadMessage.MIN_SIZE && sizeBytes <= 1024 * 1024,
                "--size must be between " + LoadMessage.MIN_SIZE + " bytes (room for the timestamp) and 1m");
    }

    public static LoadOptions of(URI target) {
        return new LoadOptions(target, 100, 500, 1, 16, Duration.ZERO, Duration.ofSeconds(10), DEFAULT_SIZE,
                Duration.ofSeconds(10));
    }

    /** Whether round trips are measured (an echo server), rather than the receiver's counts. */
    public boolean echo() {
        return switch (mode) {
            case ECHO -> true;
            case RECEIVER -> false;
            case AUTO -> target.getPath() != null && target.getPath().contains("echo");
        };
    }

    public LoadOptions withMode(Mode newMode) {
        return new LoadOptions(target, connections, rampPerSecond, ratePerSecond, inFlight, warmup, duration,
                sizeBytes, handshakeTimeout, newMode);
    }

    public boolean pipelined() {
        return ratePerSecond == 0;
    }

    public LoadOptions withConnections(int newConnections) {
        return new LoadOptions(target, newConnections, rampPerSecond, ratePerSecond, inFlight, warmup, duration,
                sizeBytes, handshakeTimeout, mode);
    }

    public LoadOptions withRamp(double newRamp) {
        return new LoadOptions(target, connections, newRamp, ratePerSecond, inFlight, warmup, duration, sizeBytes,
                handshakeTimeout, mode);
    }

    public LoadOptions withRate(double newRate, int newInFlight) {
        return new LoadOptions(target, connections, rampPerSecond, newRate, newInFlight, warmup, duration, sizeBytes,
                handshakeTimeout, mode);
    }

    public LoadOptions withTiming(Duration newWarmup, Duration newDuration) {
        return new LoadOptions(target, connections, rampPerSecond, ratePerSecond, inFlight, newWarmup, newDuration,
                sizeBytes, handshakeTimeout, mode);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
