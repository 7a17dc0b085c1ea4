package dev.wsprobe.standalone;

import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderLog;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** A periodic sender with the standalone host's client and its own scheduler thread. */
final class StandaloneSender implements AutoCloseable {
    private final TyrusClientConnector connector;
    private final ScheduledExecutorService scheduler;
    private final PeriodicSender sender;

    /** @param tls trust for a wss:// target; null for ws:// */
    StandaloneSender(SenderOptions options, ClientTls tls) {
        connector = new TyrusClientConnector(tls, options.target());
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "wsprobe-" + options.name().replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
        sender = new PeriodicSender(options, connector, scheduler, new SenderLog(options.name()),
                Clock.systemDefaultZone());
    }

    CompletableFuture<SenderResult> start() {
        return sender.start();
    }

    void cancel() {
        sender.cancel();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        connector.close();
    }
}
