package dev.wsprobe.web;

import dev.wsprobe.sender.WebSocketUrl;
import dev.wsprobe.server.ByteSizes;
import dev.wsprobe.server.MessageLogging;
import dev.wsprobe.server.ServerEndpoints;
import dev.wsprobe.server.ServerLimits;
import dev.wsprobe.server.SessionKeeper;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The WAR host's start and stop: applies the settings ({@link WarSettings}), starts the in-container sender
 * when a target is configured, publishes what {@code /status} reports, and on undeploy closes the sender's
 * connection (1000) and the endpoints' connections (1001, going away) before the server tears them down.
 * A bad setting fails the deployment with one line naming the setting, where it came from and what to write.
 */
@WebListener
public class WarLifecycle implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(WarLifecycle.class.getName());
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);

    private InContainerSender sender;
    private ScheduledFuture<?> keeper;
    private ScheduledFuture<?> messageLines;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Instant startedAt = Instant.now();
        WarSettings settings = WarSettings.of(context);

        ServerLimits.setMaxMessageBytes(settings.get(WarSettings.MAX_MESSAGE_SIZE)
                .map(value -> parse(value, ByteSizes::parse)).orElse(ServerLimits.DEFAULT_MAX_MESSAGE_BYTES));
        MessageLogging.set(settings.get(WarSettings.LOG_MESSAGES)
                .map(value -> parse(value, MessageLogging::parse)).orElse(MessageLogging.AUTO));
        LOG.log(System.Logger.Level.INFO, "wsprobe endpoints at " + context.getContextPath() + "/receive and "
                + context.getContextPath() + "/echo, status at " + context.getContextPath()
                + "/status, largest message " + ServerLimits.maxMessageBytes() + " bytes");

        settings.get(WarSettings.SEND_TO).ifPresentOrElse(this::startSender,
                () -> LOG.log(System.Logger.Level.INFO, "in-container sender off (set "
                        + WarSettings.SEND_TO.environmentVariable() + ", or " + WarSettings.SEND_TO.name()
                        + " as system property or context parameter, to a ws:// or wss:// URL to turn it on)"));

        startKeeper();
        context.setAttribute(WarStatus.ATTRIBUTE, new WarStatus(startedAt, sender));
    }

    /**
     * Idle timeout (1001) and dead-peer pings for the endpoints' sessions, on the container's managed
     * scheduler, with the standalone server's defaults. Without Jakarta Concurrency the server's own idle
     * handling applies and a line says so.
     */
    private void startKeeper() {
        try {
            ManagedScheduledExecutorService scheduler =
                    (ManagedScheduledExecutorService) new InitialContext().lookup(InContainerSender.SCHEDULER);
            keeper = SessionKeeper.DEFAULT.start(scheduler);
            // the summed-up message lines of a burst's last second, without waiting for the next message
            messageLines = scheduler.scheduleAtFixedRate(
                    () -> ServerEndpoints.all().forEach(endpoint -> endpoint.messageLog().flush()), 1, 1, TimeUnit.SECONDS);
        } catch (NamingException | ClassCastException e) {
            LOG.log(System.Logger.Level.WARNING, "no " + InContainerSender.SCHEDULER + ": idle timeout and dead-peer "
                    + "pings are off, the server's own idle handling applies");
        }
    }

    private void startSender(WarSettings.Value target) {
        URI url = parse(target, WebSocketUrl::parse);
        try {
            sender = InContainerSender.start(url);
        } catch (NamingException e) {
            throw new IllegalStateException("the in-container sender needs Jakarta Concurrency's "
                    + InContainerSender.SCHEDULER + ", which this server does not offer (" + e.getMessage()
                    + "); enable it, or unset " + target.source(), e);
        }
        LOG.log(System.Logger.Level.INFO, "in-container sender on, target " + url + " (from " + target.source()
                + ")");
    }

    private static <T> T parse(WarSettings.Value value, Function<String, T> parser) {
        try {
            return parser.apply(value.text());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(value.source() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (messageLines != null) {
            messageLines.cancel(false);
        }
        if (keeper != null) {
            keeper.cancel(false);
        }
        if (sender != null) {
            sender.stop(CLOSE_PATIENCE);
        }
        try {
            int unanswered = ServerEndpoints.closeAllGoingAway(CLOSE_PATIENCE);
            if (unanswered > 0) {
                LOG.log(System.Logger.Level.WARNING, unanswered + " connection(s) did not answer the close in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
