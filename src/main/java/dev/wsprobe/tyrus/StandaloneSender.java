package dev.wsprobe.tyrus;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderListener;
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
        this(options, tls, ClientOptions.NONE, true);
    }

    /**
     * @param tls           trust for a wss:// target; null for ws://
     * @param clientOptions headers, Origin, subprotocols, proxy, compression
     * @param sequence      whether the sender names itself in the URL's query ({@code ?wsprobe-sender=...}) so a
     *                      wsprobe receiver can count gaps; off for foreign servers ({@code --no-sequence})
     */
    public StandaloneSender(SenderOptions options, ClientTls tls, ClientOptions clientOptions, boolean sequence) {
        TyrusClientConnector tyrus = new TyrusClientConnector(tls, options.target(), options.handshakeTimeout(),
                clientOptions);
        connector = tyrus;
        // two threads: a tick is counted (as skipped) while a connection attempt blocks the other
        scheduler = Executors.newScheduledThreadPool(2, task -> {
            Thread thread = new Thread(task, "wsprobe-" + options.name().replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
        // failures are diagnosed with the same trust, headers and proxy as the connection, so the diagnosis
        // matches what failed (a probe without the user's token would report a 401 the server never sent)
        Diagnoser diagnoser = tls == null
                ? new Diagnoser(null, true, options.handshakeTimeout(), clientOptions.checkRequest())
                : new Diagnoser(tls.context(), tls.verifyHostName(), options.handshakeTimeout(),
                        clientOptions.checkRequest());
        SenderListener log = new SenderLog(options.name(), sequence ? null : options.target());
        // Without the sequence, the sender connects to the URL exactly as given: the query the sender adds is
        // taken off again on the way to the server.
        sender = new PeriodicSender(options, sequence ? tyrus : (endpoint, target) -> tyrus.connect(endpoint,
                options.target()), scheduler, log, Clock.systemDefaultZone(), diagnoser);
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
