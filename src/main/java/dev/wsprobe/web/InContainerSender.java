package dev.wsprobe.web;

import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderLog;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.sender.SenderStatus;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The periodic sender inside the application server: the seed's message every second, on container-managed
 * threads (Jakarta Concurrency's default managed scheduled executor, never threads of our own), through the
 * server's own WebSocket client. Keeps retrying while the target is unreachable, for instance while this very
 * application is still being deployed.
 */
final class InContainerSender {
    /** Jakarta EE's default instance; every Jakarta EE 10 Web Profile server provides it. */
    static final String SCHEDULER = "java:comp/DefaultManagedScheduledExecutorService";

    private static final System.Logger LOG = System.getLogger(InContainerSender.class.getName());

    private final PeriodicSender sender;
    private final CompletableFuture<SenderResult> outcome;

    private InContainerSender(PeriodicSender sender, CompletableFuture<SenderResult> outcome) {
        this.sender = sender;
        this.outcome = outcome;
    }

    /**
     * Starts sending to {@code target}. Call from the application's own thread (start-up), where its naming
     * context is available.
     *
     * @throws NamingException when the server offers no managed scheduled executor
     */
    static InContainerSender start(URI target) throws NamingException {
        ManagedScheduledExecutorService scheduler =
                (ManagedScheduledExecutorService) new InitialContext().lookup(SCHEDULER);
        // unattended: never give up, not even on a 404 while this very application is still deploying
        SenderOptions options = SenderOptions.defaults(target)
                .withRetry(RetryPolicy.UNATTENDED, SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
        PeriodicSender sender = new PeriodicSender(options, new ContainerClientConnector(), scheduler,
                new SenderLog(options.name()), Clock.systemDefaultZone());
        return new InContainerSender(sender, sender.start());
    }

    SenderStatus status() {
        return sender.status();
    }

    /** Closes the connection normally (1000) and waits up to {@code patience} for it to end. */
    void stop(Duration patience) {
        try {
            sender.cancel();
            outcome.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "[sender] did not close within " + patience.toMillis()
                    + " ms: " + e);
        }
    }
}
