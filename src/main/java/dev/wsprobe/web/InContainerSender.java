package dev.wsprobe.web;

import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderLog;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.sender.SenderStatus;
import dev.wsprobe.sender.MessageTemplate;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The periodic sender inside the application server: the seed's message every second (interval, count and text
 * configurable as for the standalone {@code send}), on the WAR's scheduler ({@link WarScheduler}: the server's
 * managed one where there is one), through the server's own WebSocket client. Keeps retrying while the target
 * is unreachable, for instance while this very application is still being deployed.
 */
final class InContainerSender {
    private static final System.Logger LOG = System.getLogger(InContainerSender.class.getName());

    private final PeriodicSender sender;
    private final CompletableFuture<SenderResult> outcome;
    private final ContainerClientConnector connector;

    private InContainerSender(PeriodicSender sender, CompletableFuture<SenderResult> outcome,
            ContainerClientConnector connector) {
        this.sender = sender;
        this.outcome = outcome;
        this.connector = connector;
    }

    /**
     * What the sender does: the standalone {@code send}'s defaults (first message after 1 s, one a second,
     * forever, {@value MessageTemplate#DEFAULT}) with the interval, count and text of the settings, and
     * unattended retries (never give up, not even on a 404 while this very application is still deploying).
     *
     * @throws IllegalArgumentException naming the bad setting, where it came from and what to write
     */
    static SenderOptions options(URI target, WarSettings settings) {
        SenderOptions options = SenderOptions.defaults(target)
                .withRetry(RetryPolicy.UNATTENDED, SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
        Duration interval = settings.get(WarSettings.SEND_INTERVAL)
                .map(value -> parse(value, WarSettings::positiveDuration)).orElse(options.interval());
        long count = settings.get(WarSettings.SEND_COUNT)
                .map(value -> parse(value, WarSettings::count)).orElse(options.count());
        String text = settings.get(WarSettings.SEND_TEXT).map(WarSettings.Value::text).orElse(options.template());
        return options.withTiming(options.firstSend(), interval).withCount(count).withTemplate(text, false);
    }

    /** Starts sending as {@code options} say, on {@code scheduler}. */
    static InContainerSender start(SenderOptions options, ScheduledExecutorService scheduler) {
        ContainerClientConnector connector = new ContainerClientConnector();
        PeriodicSender sender = new PeriodicSender(options, connector, scheduler, new SenderLog(options.name()),
                Clock.systemDefaultZone());
        return new InContainerSender(sender, sender.start(), connector);
    }

    static <T> T parse(WarSettings.Value value, Function<String, T> parser) {
        try {
            return parser.apply(value.text());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(value.source() + ": " + e.getMessage(), e);
        }
    }

    SenderStatus status() {
        return sender.status();
    }

    /**
     * Closes the connection normally (1000), waits up to {@code patience} for it to end, then lets go of the
     * client the sender used (see {@link ContainerClientConnector#close}).
     */
    void stop(Duration patience) {
        try {
            sender.cancel();
            outcome.get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "[sender] did not close within " + patience.toMillis()
                    + " ms: " + e);
        } finally {
            connector.close();
        }
    }
}
