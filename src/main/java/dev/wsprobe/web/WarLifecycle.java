package dev.wsprobe.web;

import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.WebSocketUrl;
import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.server.ByteSizes;
import dev.wsprobe.server.MessageLogging;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.ServerContexts;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import dev.wsprobe.server.Subprotocols;
import jakarta.websocket.server.ServerContainer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.time.Duration;
import java.util.EnumSet;
import java.util.function.Function;

/**
 * The WAR host's start and stop: reads the settings ({@link WarSettings}) into this deployment's server
 * configuration, makes this deployment's {@link ServerContext} the one of the application's WebSocket
 * container (for the endpoints, which the server deploys from their annotations) and a servlet context
 * attribute (for the handshake filter and {@code /status}), puts the {@link HandshakeFilter} first in the
 * filter chain, starts the timers and, when a target is configured, the in-container sender on the WAR's
 * scheduler ({@link WarScheduler}), and on undeploy closes the sender's connection (1000) and the endpoints'
 * connections (1001, going away) before the server tears them down, then stops the scheduler if it is the
 * WAR's own. A bad setting fails the deployment with one line naming the setting, where it came from and what
 * to write.
 */
@WebListener
public class WarLifecycle implements ServletContextListener {
    /** The servlet context attribute holding this deployment's {@link ServerContext}. */
    static final String SERVER_ATTRIBUTE = ServerContext.class.getName();

    private static final System.Logger LOG = System.getLogger(WarLifecycle.class.getName());
    /** The handshake filter's name in the server's filter chain. */
    static final String FILTER_NAME = "wsprobe handshake policy";

    private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);

    private ServerContext server;
    private ServerContainer container;
    private WarScheduler scheduler;
    private InContainerSender sender;
    private Runnable stopTimers;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        WarSettings settings = WarSettings.of(context);
        server = new ServerContext(serverConfig(settings));
        // every setting is read before anything starts: a bad one fails the deployment with nothing to undo
        SenderOptions senderOptions = settings.get(WarSettings.SEND_TO)
                .map(target -> InContainerSender.options(parse(target, WebSocketUrl::parse), settings))
                .orElse(null);
        container = serverContainer(context);
        ServerContexts.register(container, server);
        context.setAttribute(SERVER_ATTRIBUTE, server);
        addHandshakeFilter(context);
        LOG.log(System.Logger.Level.INFO, "wsprobe endpoints at " + context.getContextPath() + "/receive and "
                + context.getContextPath() + "/echo, status at " + context.getContextPath()
                + "/status, largest message " + server.config().maxMessageBytes() + " bytes; WebSocket handshakes "
                + "allowed from " + server.config().allowedOrigins().describe() + "; subprotocols: "
                + server.config().subprotocols().describe() + "; announce: " + server.config().announce());

        scheduler = WarScheduler.forApplication(context.getContextPath());
        // idle timeout (1001), dead-peer pings and the message lines, with the standalone server's defaults
        stopTimers = server.startTimers(scheduler.executor());
        LOG.log(System.Logger.Level.INFO, "timers (idle timeout, pings, message lines) on " + scheduler.describe());
        if (senderOptions == null) {
            LOG.log(System.Logger.Level.INFO, "in-container sender off (set "
                    + WarSettings.SEND_TO.environmentVariable() + ", or " + WarSettings.SEND_TO.name()
                    + " as system property or context parameter, to a ws:// or wss:// URL to turn it on)");
        } else {
            sender = InContainerSender.start(senderOptions, scheduler.executor());
            LOG.log(System.Logger.Level.INFO, "in-container sender on, target " + senderOptions.target() + ", every "
                    + senderOptions.interval().toMillis() + " ms, "
                    + (senderOptions.count() == 0 ? "until undeployed" : senderOptions.count() + " messages")
                    + ", text " + senderOptions.template());
        }
        context.setAttribute(WarStatus.ATTRIBUTE, new WarStatus(server, sender));
    }

    /**
     * The handshake filter goes in front of every other filter, the server's WebSocket upgrade filter
     * included. Declared in an annotation or web.xml it would not be everywhere: Jetty 12 puts its
     * {@code WebSocketUpgradeFilter} at the very start of the chain ({@code ServletHandler.prependFilter}),
     * ahead of the application's declared filters, so the policy would never see the upgrades Jetty accepts
     * (a page from a foreign origin upgraded with 101). A filter added here, through the servlet API with
     * {@code isMatchAfter = false}, comes before the declared ones and before Jetty's on Jetty, and before the
     * upgrade filters the others add after them (Tomcat's {@code WsFilter}, Tyrus' filter in Payara:
     * {@code isMatchAfter = true}; Undertow in WildFly: a filter of the deployment).
     */
    private static void addHandshakeFilter(ServletContext context) {
        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME, HandshakeFilter.class);
        if (filter == null) {
            throw new IllegalStateException("a filter named '" + FILTER_NAME + "' is already registered: "
                    + "remove it from the deployment descriptor, wsprobe adds its own");
        }
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
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

    private static <T> T parse(WarSettings.Value value, Function<String, T> parser) {
        return InContainerSender.parse(value, parser);
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
        if (scheduler != null) {
            scheduler.close(CLOSE_PATIENCE);
        }
    }
}
