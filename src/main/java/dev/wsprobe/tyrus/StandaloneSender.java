package dev.wsprobe.tyrus;

import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderLog;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A periodic sender with the standalone host's client and its own scheduler thread. */
public final class StandaloneSender implements AutoCloseable {
    private final TyrusClientConnector connector;
    private final ScheduledExecutorService scheduler;
    private final PeriodicSender sender;

    /** @param tls trust for a wss:// target; null for ws:// */
    public StandaloneSender(SenderOptions options, ClientTls tls) {
        connector = new TyrusClientConnector(tls, options.target(), options.handshakeTimeout());
        // two threads: a tick is counted (as skipped) while a connection attempt blocks the other
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "wsprobe-" + options.name().replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
        // failures are diagnosed with the same trust as the connection, so the diagnosis matches what failed
        Diagnoser diagnoser = tls == null
                ? new Diagnoser(null, true, options.handshakeTimeout())
                : new Diagnoser(tls.context(), tls.verifyHostName(), options.handshakeTimeout());
        sender = new PeriodicSender(options, connector, scheduler, new SenderLog(options.name()),
                Clock.systemDefaultZone(), diagnoser);
    }

    public CompletableFuture<SenderResult> start() {
        return sender.start();
    }

    public void cancel() {
        sender.cancel();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        connector.close();
    }
}
