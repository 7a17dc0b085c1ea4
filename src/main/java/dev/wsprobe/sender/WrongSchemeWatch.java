package dev.wsprobe.sender;

import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.diagnosis.Diagnosis;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Names a URL with the wrong scheme while a connection attempt is still silent: a port that speaks the other
 * scheme (wss:// to a plain port, ws:// to a TLS one) never answers, and the client would wait out its whole
 * handshake timeout. {@link #QUIET_BEFORE_PROBE} after an attempt starts, if it is still under way, one probe
 * connection asks the port what it speaks; a mismatch goes to the sender, which gives the attempt up as failed.
 */
final class WrongSchemeWatch {
    /** A connection attempt silent this long gets a probe of what the port speaks, next to it. */
    static final Duration QUIET_BEFORE_PROBE = Duration.ofSeconds(1);

    private final ScheduledExecutorService scheduler;
    private final Diagnoser diagnoser;
    private final URI target;

    WrongSchemeWatch(ScheduledExecutorService scheduler, Diagnoser diagnoser, URI target) {
        this.scheduler = scheduler;
        this.diagnoser = diagnoser;
        this.target = target;
    }

    /**
     * @param stillConnecting whether the attempt is still under way: once it has ended, whichever way, the watch
     *                        does nothing
     * @param mismatch        gets the diagnosis when the port speaks the other scheme
     */
    void watch(BooleanSupplier stillConnecting, Consumer<Diagnosis> mismatch) {
        scheduler.schedule(() -> {
            if (stillConnecting.getAsBoolean()) {
                diagnoser.schemeMismatch(target).ifPresent(mismatch);
            }
        }, QUIET_BEFORE_PROBE.toNanos(), TimeUnit.NANOSECONDS);
    }
}
