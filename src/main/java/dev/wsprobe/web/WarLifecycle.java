package dev.wsprobe.web;

import dev.wsprobe.sender.WebSocketUrl;
import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.ServerContexts;
import dev.wsprobe.server.Subprotocols;
import jakarta.websocket.server.ServerContainer;
import dev.wsprobe.server.ByteSizes;
import dev.wsprobe.server.MessageLogging;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The WAR host's start and stop: reads the settings ({@link WarSettings}) into this deployment's server
 * configuration, makes this deployment's {@link ServerContext} the one of the application's WebSocket
 * container (for the endpoints, which the server deploys from their annotations) and a servlet context
 * attribute (for the handshake filter and {@code /status}), starts the in-container sender when a
 * target is configured, and on undeploy closes the sender's connection (1000) and the endpoints' connections
 * (1001, going away) before the server tears them down. A bad setting fails the deployment with one line
 * naming the setting, where it came from and what to write.
 */
@WebListener
public class WarLifecycle implements ServletContextListener {
    /** The servlet context attribute holding this deployment's {@link ServerContext}. */
    static final String SERVER_ATTRIBUTE = ServerContext.class.getName();

    private static final System.Logger LOG = System.getLogger(WarLifecycle.class.getName());
    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);

    private ServerContext server;
    private ServerContainer container;
    private InContainerSender sender;
    private Runnable stopTimers;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        WarSettings settings = WarSettings.of(context);
        server = new ServerContext(serverConfig(settings));
        container = serverContainer(context);
        ServerContexts.register(container, server);
        context.setAttribute(SERVER_ATTRIBUTE, server);
        LOG.log(System.Logger.Level.INFO, "wsprobe endpoints at " + context.getContextPath() + "/receive and "
                + context.getContextPath() + "/echo, status at " + context.getContextPath()
                + "/status, largest message " + server.config().maxMessageBytes() + " bytes; WebSocket handshakes "
                + "allowed from " + server.config().allowedOrigins().describe() + "; subprotocols: "
                + server.config().subprotocols().describe() + "; announce: " + server.config().announce());

        settings.get(WarSettings.SEND_TO).ifPresentOrElse(this::startSender,
                () -> LOG.log(System.Logger.Level.INFO, "in-container sender off (set "
                        + WarSettings.SEND_TO.environmentVariable() + ", or " + WarSettings.SEND_TO.name()
                        + " as system property or context parameter, to a ws:// or wss:// URL to turn it on)"));

        startKeeper();
        context.setAttribute(WarStatus.ATTRIBUTE, new WarStatus(server, sender));
    }

    private static ServerConfig serverConfig(WarSettings settings) {
        ServerConfig config = ServerConfig.DEFAULT;
        config = config.withMaxMessageBytes(settings.get(WarSettings.MAX_MESSAGE_SIZE)
                .map(value -> parse(value, ByteSizes::parse)).orElse(config.maxMessageBytes()));
        config = config.withMessageLogging(settings.get(WarSettings.LOG_MESSAGES)
                .map(value -> parse(value, MessageLogging::parse)).orElse(config.messageLogging()));
        config = config.withSubprotocols(settings.get(WarSettings.SUBPROTOCOLS)
                .map(value -> parse(value, Subprotocols::parse)).orElse(config.subprotocols()));
        config = config.withAnnounce(settings.get(WarSettings.ANNOUNCE)
                .map(value -> parse(value, WarLifecycle::bool)).orElse(config.announce()));
        return config.withAllowedOrigins(settings.get(WarSettings.ALLOWED_ORIGINS)
                .map(value -> parse(value, AllowedOrigins::parse)).orElse(config.allowedOrigins()));
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException("'" + text + "' is not true or false");
        };
    }

    /** The application's WebSocket container, which deploys the annotated endpoints and accepts their sessions. */
    private static ServerContainer serverContainer(ServletContext context) {
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new IllegalStateException("this server offers no Jakarta WebSocket container to the application "
                    + "(no servlet context attribute " + ServerContainer.class.getName() + "): enable WebSocket");
        }
        return container;
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
            stopTimers = server.startTimers(scheduler);
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
        if (stopTimers != null) {
            stopTimers.run();
        }
        if (sender != null) {
            sender.stop(CLOSE_PATIENCE);
        }
        server.closeAllGoingAway(CLOSE_PATIENCE);
        ServerContexts.unregister(container);
    }
}
