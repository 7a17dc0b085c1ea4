package dev.wsprobe.standalone;

import dev.wsprobe.echo.EchoEndpoint;
import dev.wsprobe.receiver.ReceiverEndpoint;
import dev.wsprobe.server.GroupedCounts;
import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.ServerContexts;
import dev.wsprobe.tls.Renegotiation;
import dev.wsprobe.tls.SslContexts;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The standalone host: wsprobe's endpoints on Tyrus over a Grizzly HTTP server, with a plain listener and
 * optionally a TLS one. Tyrus' own {@code Server} can do neither TLS nor a chosen bind address, hence this
 * class (modelled on Tyrus' GrizzlyServerContainer).
 */
public final class StandaloneServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StandaloneServer.class.getName());
    private static final String CONTEXT_PATH = "";
    private static final String PLAIN = "ws";
    private static final String SECURE = "wss";

    private final ServerOptions options;
    private final ServerContext context;
    /** Largest frame header: 2 bytes, 8 of length, 4 of mask. */
    private static final int MAX_FRAME_HEADER = 14;
    /** Tyrus' own default incoming buffer (TyrusWebSocketEngine.INCOMING_BUFFER_SIZE's default). */
    private static final int TYRUS_DEFAULT_INCOMING_BUFFER = 4_194_315;

    private final EndpointContainer container;
    /** Spare zlib state for permessage-deflate, shared by this server's connections. */
    private final ZlibPool zlib = new ZlibPool();
    private final HttpServer http = new HttpServer();
    /** One thread for timers (the session keeper), so no timer holds a worker thread. */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "wsprobe-timers");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * Where fragmented echoes are written (the standard API's partial sends block): a few threads of their own,
     * so a client that stops reading in the middle of one holds one of these, never a selector or the timers.
     */
    private final java.util.concurrent.ExecutorService blockingSends = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "wsprobe-fragmented-sends");
        thread.setDaemon(true);
        return thread;
    });
    private final HandshakeGate gate;
    /** More filters for every listener, after wsprobe's own: tests look at what passes through. */
    private final List<AddOn> probes;
    private final ClientMistakes mistakes = new ClientMistakes();
    private final UpgradedConnections upgraded = new UpgradedConnections();
    private boolean stopped;

    private StandaloneServer(ServerOptions options, MessageJournal.Limits journalLimits, List<AddOn> probes) {
        this.options = options;
        this.probes = probes;
        this.context = new ServerContext(options.config(), journalLimits);
        this.container = new EndpointContainer(options.config().maxMessageBytes(), options.compression(), zlib,
                context.refusals());
        this.gate = new HandshakeGate(context, timers);
    }

    /**
     * Binds the listeners and deploys the endpoints.
     *
     * @throws java.net.BindException when a port is taken
     */
    public static StandaloneServer start(ServerOptions options) throws IOException, DeploymentException {
        return start(options, MessageJournal.Limits.DEFAULT);
    }

    /**
     * The same, with each endpoint's {@linkplain ServerContext#receiver() journal} of received messages
     * bounded by {@code journalLimits} (it keeps messages only while someone reads them).
     */
    public static StandaloneServer start(ServerOptions options, MessageJournal.Limits journalLimits)
            throws IOException, DeploymentException {
        return start(options, journalLimits, List.of());
    }

    /** The same, with {@code probes} registered on every listener after wsprobe's own add-ons (for tests). */
    static StandaloneServer start(ServerOptions options, MessageJournal.Limits journalLimits, List<AddOn> probes)
            throws IOException, DeploymentException {
        StandaloneServer server = new StandaloneServer(options, journalLimits, probes);
        server.startListening();
        return server;
    }

    private void startListening() throws IOException, DeploymentException {
        http.addListener(listener(PLAIN, options.port()));
        if (options.tlsPort() != null) {
            Renegotiation.refuseClientInitiated(); // before the first handshake; checked below
            NetworkListener secure = listener(SECURE, options.tlsPort());
            secure.setSecure(true);
            secure.setSSLEngineConfig(new ServerTlsEngines(options.tlsContext(), options.clientAuth()));
            http.addListener(secure);
        }
        // The browser test page at / (plain and TLS listeners alike); upgrade requests never get here, the
        // WebSocket add-on takes them first. More specific paths can be mapped next to it.
        http.getServerConfiguration().addHttpHandler(new TestPageHandler(context.refusals()), "/");
        http.getServerConfiguration().addHttpHandler(new StatusHandler(context), StatusHandler.PATH);
        http.getServerConfiguration().addHttpHandler(new MetricsHandler(context), MetricsHandler.PATH);
        // a plain GET to the echo's path shows the request as received (upgrades go to the endpoint)
        http.getServerConfiguration().addHttpHandler(new RequestEchoHandler(), RequestEchoHandler.PATH);
        try {
            // endpoints first: a client arriving the moment the port opens must find them, not a 404
            ServerContexts.register(container, context);
            container.start(CONTEXT_PATH, options.port());
            http.start();
        } catch (IOException | DeploymentException | RuntimeException e) {
            http.shutdownNow();
            timers.shutdownNow();
            blockingSends.shutdownNow();
            ServerContexts.unregister(container);
            throw e;
        }
        context.startTimers(timers);
        context.useForBlockingSends(blockingSends);
        if (options.tlsPort() != null) {
            Renegotiation renegotiation = Renegotiation.of(options.tlsContext());
            LOG.log(System.Logger.Level.INFO, "TLS: protocols " + String.join(", ", SslContexts.PROTOCOLS)
                    + "; client certificates: " + options.clientAuth().name().toLowerCase(java.util.Locale.ROOT)
                    + "; client-initiated renegotiation: "
                    + renegotiation.name().toLowerCase(java.util.Locale.ROOT)
                    + "; cipher suites: " + String.join(", ", SslContexts.cipherSuites(options.tlsContext())));
            if (renegotiation != Renegotiation.REFUSED) {
                LOG.log(System.Logger.Level.WARNING, "TLS: client-initiated renegotiation is "
                        + (renegotiation == Renegotiation.ACCEPTED ? "ACCEPTED" : "perhaps accepted")
                        + " in this JVM (each one costs the server a full handshake): the JDK reads "
                        + Renegotiation.SWITCH + " once, and something ran a TLS server "
                        + "before wsprobe could set it. Start the JVM with -D"
                        + Renegotiation.SWITCH + "=true");
            }
        }
        LOG.log(System.Logger.Level.INFO, "listener state did change, new: ready, listening on "
                + String.join(" and ", urls()));
        LOG.log(System.Logger.Level.INFO, "transport: " + options.tuning().describe());
        LOG.log(System.Logger.Level.INFO, "subprotocols: " + options.config().subprotocols().describe()
                + "; compression (permessage-deflate): " + options.compression().describe()
                + "; announce: " + (options.config().announce() ? "on" : "off"));
        LOG.log(System.Logger.Level.INFO, "test page: " + String.join(" and ", pageUrls())
                + "; WebSocket handshakes allowed from " + options.config().allowedOrigins().describe());
    }

    private NetworkListener listener(String name, int port) {
        NetworkListener listener = new NetworkListener(name, options.host(), port);
        // By default each message is handled on the selector thread that read it (no hand-off to a worker):
        // wsprobe's endpoints never block (echoes and acks go out asynchronously), and on two cores the hop
        // to a worker pool cost more than it gained (docs/benchmarks.md). --io-strategy brings the pool back.
        options.tuning().applyTo(listener.getTransport());
        // WebSocket connections are long-lived; an HTTP keep-alive timeout must not cut them.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        // the gate first: each add-on inserts itself just before Grizzly's HTTP server filter, so the gate
        // ends up in front of Tyrus' filter
        listener.registerAddOn(mistakes.addOn());
        // after the upgrade, frames pass Grizzly's HTTP codec by, which then holds no request for the connection
        listener.registerAddOn(upgraded.addOn());
        listener.registerAddOn(TlsOutputBuffers.addOn());
        listener.registerAddOn(gate.addOn());
        listener.registerAddOn(new WebSocketAddOn(container, CONTEXT_PATH));
        probes.forEach(listener::registerAddOn);
        return listener;
    }

    /** The plain listener's port (the real one when 0 was asked for). */
    public int port() {
        return http.getListener(PLAIN).getPort();
    }

    public Optional<Integer> tlsPort() {
        NetworkListener secure = http.getListener(SECURE);
        return secure == null ? Optional.empty() : Optional.of(secure.getPort());
    }

    /** This server's endpoints, counters and configuration. */
    public ServerContext context() {
        return context;
    }

    /** WebSocket connections open now, as the connection limit counts them. */
    public int openWebSocketConnections() {
        return gate.openConnections();
    }

    /** {@code ws://[::]:12345/}, and the wss one when there is a TLS listener. */
    public List<String> urls() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        List<String> urls = new ArrayList<>();
        urls.add("ws://" + host + ":" + port() + "/");
        tlsPort().ifPresent(tls -> urls.add("wss://" + host + ":" + tls + "/"));
        return urls;
    }

    /** Where a browser finds the test page: http:// and, with TLS, https:// on the same ports as ws and wss. */
    public List<String> pageUrls() {
        // a browser cannot open the wildcard address; on this machine, localhost reaches it
        boolean wildcard = options.host().equals("::") || options.host().equals("0.0.0.0");
        String host = wildcard ? "localhost" : options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        List<String> urls = new ArrayList<>();
        urls.add("http://" + host + ":" + port() + "/");
        tlsPort().ifPresent(tls -> urls.add("https://" + host + ":" + tls + "/"));
        return urls;
    }

    /**
     * Says goodbye to every client (1001, going away), waits up to {@code patience} for them to answer,
     * then releases the ports.
     */
    public synchronized void stop(Duration patience) {
        if (stopped) {
            return;
        }
        stopped = true;
        context.closeAllGoingAway(patience);
        timers.shutdownNow();
        blockingSends.shutdownNow();
        container.stop();
        http.shutdownNow();
        zlib.close();
        ServerContexts.unregister(container);
        LOG.log(System.Logger.Level.INFO, "listener state did change, new: cancelled");
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }

    /** Tyrus' server container with wsprobe's endpoints, fed by the Grizzly listeners' WebSocket add-on. */
    private static final class EndpointContainer extends TyrusServerContainer {
        private final WebSocketEngine engine;
        private final Set<jakarta.websocket.Extension> extensions;

        EndpointContainer(int maxMessageBytes, Compression compression, ZlibPool zlib, GroupedCounts refusals) {
            super(Set.<Class<?>>of(ReceiverEndpoint.class, EchoEndpoint.class));
            // Tyrus registers an annotated endpoint with the container's installed extensions (set before the
            // engine deploys anything); the endpoints' configurator asks them about each connection's offers
            extensions = compression.enabled()
                    ? Set.of(new PermessageDeflate(compression, zlib, maxMessageBytes)) : Set.of();
            engine = new CompleteRefusalEngine(TyrusWebSocketEngine.builder(this)
                    .incomingBufferSize(incomingBufferSize(maxMessageBytes)).build(), refusals);
        }

        /**
         * What Tyrus may hold of one connection's unread bytes: a whole frame of the largest message (the frame
         * guard refuses larger ones before their payload arrives), plus room for one more read, which can bring
         * many small frames at once. Tyrus answers more with 1011 "Buffer overflow.", whatever the frames are.
         * The buffer grows only as far as a connection needs it.
         */
        private static int incomingBufferSize(int maxMessageBytes) {
            long size = (long) maxMessageBytes + MAX_FRAME_HEADER + TYRUS_DEFAULT_INCOMING_BUFFER;
            return (int) Math.min(Integer.MAX_VALUE, size);
        }

        @Override
        public Set<jakarta.websocket.Extension> getInstalledExtensions() {
            return extensions;
        }

        @Override
        public void register(Class<?> endpointClass) throws DeploymentException {
            engine.register(endpointClass, CONTEXT_PATH);
        }

        @Override
        public void register(ServerEndpointConfig config) throws DeploymentException {
            engine.register(config, CONTEXT_PATH);
        }

        @Override
        public WebSocketEngine getWebSocketEngine() {
            return engine;
        }

        @Override
        public Map<String, Object> getProperties() {
            return Map.of();
        }
    }
}
