package dev.wsprobe.cli;

import dev.wsprobe.standalone.ServerOptions;
import dev.wsprobe.standalone.ServerTuning;
import dev.wsprobe.standalone.StandaloneServer;
import dev.wsprobe.diagnosis.Failures;
import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.server.MessageLogging;
import dev.wsprobe.server.ConnectionLimits;
import dev.wsprobe.server.SequenceLimits;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.SessionKeeper;
import dev.wsprobe.server.Subprotocols;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wsprobe server}: the receiver and echo endpoints on ws:// and, optionally, wss://. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the receiver (/receive) and echo (/echo) endpoints, and the browser test page (/).",
            "Stops on Ctrl-C or SIGTERM, closing every connection with 1001 (going away) first."},
        footer = {"", "Environment: WSPROBE_HOST, WSPROBE_PORT, WSPROBE_TLS_PORT, WSPROBE_MAX_MESSAGE_SIZE, "
            + "WSPROBE_ALLOWED_ORIGINS, WSPROBE_KEYSTORE, WSPROBE_KEYSTORE_PASSWORD_FILE, WSPROBE_LOG_MESSAGES, "
            + "WSPROBE_SUBPROTOCOLS, WSPROBE_ANNOUNCE, WSPROBE_COMPRESSION, WSPROBE_COMPRESSION_SERVER_CONTEXT_TAKEOVER, "
            + "WSPROBE_COMPRESSION_CLIENT_CONTEXT_TAKEOVER "
            + "stand in for the flags; " + ServerTlsOptions.PASSWORD_VARIABLE + " holds the keystore password."})
public final class ServerCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(ServerCommand.class.getName());

    /**
     * How long a stopping server (Ctrl-C, SIGTERM) waits for its clients to answer the 1001 close. A container's
     * stop timeout must be longer (docker/kubernetes/receiver.yaml's grace period is checked against it).
     */
    public static final Duration STOP_PATIENCE = Duration.ofSeconds(3);

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "${env:WSPROBE_HOST:-::}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, all addresses, IPv6 and IPv4).")
    String host;

    @Option(names = "--port", defaultValue = "${env:WSPROBE_PORT:-12345}",
            description = "Port for ws:// (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--tls-port", defaultValue = "${env:WSPROBE_TLS_PORT}",
            description = "Port for wss:// (default: 12346 when --keystore or --self-signed is given).")
    Integer tlsPort;

    @Option(names = "--max-message-size", paramLabel = "SIZE", converter = Converters.ByteSizeConverter.class,
            defaultValue = "${env:WSPROBE_MAX_MESSAGE_SIZE:-64k}",
            description = "Largest message accepted; a bigger one closes its connection with 1009 "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxMessageSize;

    @Option(names = "--max-outgoing-buffer", paramLabel = "SIZE", converter = Converters.ByteSizeConverter.class,
            defaultValue = "1m",
            description = "Bytes waiting to go out to one client (echoes it does not read) before it is closed "
                    + "with 1008 as a slow reader (default: ${DEFAULT-VALUE}).")
    int maxOutgoingBuffer;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "10m",
            converter = Converters.DurationConverter.class,
            description = "Close a connection that sent no message for this long, with 1001; 0 = never "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--ping-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "Ping a connection quiet for this long; 0 = never (default: ${DEFAULT-VALUE}).")
    Duration pingInterval;

    @Option(names = "--pong-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Close a connection whose ping is unanswered this long, with 1001: the peer is gone "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration pongTimeout;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "10000",
            description = "Open WebSocket connections before new ones get HTTP 503; 0 = no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "0",
            description = "Open WebSocket connections from one IP address before new ones get HTTP 429; "
                    + "0 = no limit (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Close a connection that sends no complete request within this (slowloris); 0 = never "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Option(names = "--allowed-origins", paramLabel = "ORIGINS", converter = Converters.AllowedOriginsConverter.class,
            defaultValue = "${env:WSPROBE_ALLOWED_ORIGINS:-}",
            description = {"Web pages (by Origin) that may open WebSocket connections, comma-separated, e.g. "
                    + "http://localhost:3000,https://tools.example.com; * for any; null for pages opened from files.",
                "Always allowed: the server's own test page (same host and port) and clients that send no Origin "
                    + "(non-browser clients). Others get HTTP 403 at the handshake."})
    AllowedOrigins allowedOrigins;

    @Option(names = "--log-messages", paramLabel = "MODE", defaultValue = "${env:WSPROBE_LOG_MESSAGES:-auto}",
            converter = Converters.MessageLoggingConverter.class,
            description = "auto: a line for each of the first " + MessageLogging.LINES_PER_SECOND + " messages a second "
                    + "per endpoint, the rest summed up in one line a second; every: a line for every message (slows a "
                    + "busy server); summary: only the summed-up lines (default: ${DEFAULT-VALUE}).")
    MessageLogging logMessages;

    @Option(names = "--io-strategy", paramLabel = "STRATEGY", defaultValue = "same-thread",
            converter = Converters.IoStrategyConverter.class,
            description = "Where endpoint code runs: same-thread (on the selector thread that read the message), "
                    + "worker-thread (a worker pool, Grizzly's default), leader-follower or dynamic "
                    + "(default: ${DEFAULT-VALUE}).")
    ServerTuning.Strategy ioStrategy;

    @Option(names = "--selector-threads", paramLabel = "N", defaultValue = "0",
            description = "Selector threads per listener; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int selectorThreads;

    @Option(names = "--worker-threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads per listener, for the strategies that use them; 0 = two per core "
                    + "(default: ${DEFAULT-VALUE}).")
    int workerThreads;

    @Option(names = "--read-buffer", paramLabel = "SIZE", defaultValue = "0", converter = Converters.ByteSizeOrZeroConverter.class,
            description = "Buffer for each socket read, and the least socket receive buffer; 0 = the operating "
                    + "system's (default: ${DEFAULT-VALUE}).")
    int readBuffer;

    @Option(names = "--write-buffer", paramLabel = "SIZE", defaultValue = "0", converter = Converters.ByteSizeOrZeroConverter.class,
            description = "The least socket send buffer; 0 = the operating system's (default: ${DEFAULT-VALUE}).")
    int writeBuffer;

    @Option(names = "--subprotocols", paramLabel = "NAMES", defaultValue = "${env:WSPROBE_SUBPROTOCOLS:-}",
            converter = Converters.SubprotocolsConverter.class,
            description = {"Subprotocols the endpoints accept, comma-separated, e.g. chat,json.v1; of a client's offers "
                    + "the first one listed here is chosen, and an upgrade offering none of them gets HTTP 400.",
                "Default: any, the client's first offer."})
    Subprotocols subprotocols;

    @Option(names = "--announce", defaultValue = "${env:WSPROBE_ANNOUNCE:-false}", fallbackValue = "true",
            arity = "0..1",
            description = "Send 'served by <host name> (wsprobe <version>)' as the first message on every connection, "
                    + "to see which instance answered behind a load balancer (default: off; unsolicited messages "
                    + "break some clients).")
    boolean announce;

    @Mixin
    ServerCompressionOptions compression;

    @Mixin
    ServerTlsOptions tls;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws InterruptedException {
        logging.install();
        ServerOptions options = serverOptions();
        // the certificate file first when its name is known: nothing may say ready before it is in place
        boolean certificateFirst = options.tlsPort() != null && (tls.certificateOut != null || options.tlsPort() != 0);
        Path pem = certificateFirst ? tls.writeSelfSignedCertificate(options.tlsPort()) : null;
        StandaloneServer server = startStoppingOnSignal(options);
        if (certificateFirst) {
            server.tlsPort().ifPresent(actual -> announceCertificate(pem, actual));
        } else {
            server.tlsPort().ifPresent(this::publishSelfSignedCertificate);
        }
        new CountDownLatch(1).await(); // until Ctrl-C / SIGTERM runs the hook and the JVM exits
        return ExitCodes.OK;
    }

    /**
     * Starts the server with the 1001 goodbye on Ctrl-C / SIGTERM already in place when it says ready: a
     * container can be stopped the moment its readiness check passes (with a hook added after the ready line,
     * a SIGTERM in between ended the JVM without closing anything).
     */
    private static StandaloneServer startStoppingOnSignal(ServerOptions options) {
        CompletableFuture<StandaloneServer> started = new CompletableFuture<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // a signal during start waits for it: the main thread goes on while the JVM runs its hooks
            StandaloneServer running = started.join();
            if (running != null) {
                running.stop(STOP_PATIENCE);
            }
        }, "wsprobe-stop"));
        StandaloneServer server = null;
        try {
            server = start(options);
            return server;
        } finally {
            started.complete(server); // null when the start failed: then the hook has nothing to stop
        }
    }

    private ServerOptions serverOptions() {
        checkPort("--port", port);
        if (tlsPort != null) {
            checkPort("--tls-port", tlsPort);
        }
        ListenAddresses.check(host);
        ServerOptions options = ServerOptions.plain(host, port).withTuning(tuning()).withConfig(serverConfig())
                .withCompression(compression.compression());
        if (tlsPort != null && !tls.wanted()) {
            throw new UserError(ExitCodes.USAGE,
                    "--tls-port needs a certificate: add --keystore FILE, or --self-signed for development");
        }
        if (tls.wanted()) {
            SSLContext context = tls.createContext();
            options = options.withTls(tlsPort != null ? tlsPort : ServerOptions.DEFAULT_TLS_PORT, context)
                    .withClientAuth(tls.clientAuth);
            if (options.tlsPort() == port && port != 0) {
                throw new UserError(ExitCodes.USAGE, "--port and --tls-port are both " + port
                        + ": ws:// and wss:// need two different ports");
            }
        }
        return options;
    }

    private static void checkPort(String option, int value) {
        if (value < 0 || value > 65535) {
            throw new UserError(ExitCodes.USAGE, option + " " + value + " is not a port: use 1-65535, or 0 for any "
                    + "free port");
        }
    }

    private ServerTuning tuning() {
        try {
            return new ServerTuning(ioStrategy, selectorThreads, workerThreads, readBuffer, writeBuffer);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private ServerConfig serverConfig() {
        try {
            return new ServerConfig(maxMessageSize, maxOutgoingBuffer, logMessages, allowedOrigins,
                    new SessionKeeper(idleTimeout, pingInterval, pongTimeout),
                    new ConnectionLimits(maxConnections, maxConnectionsPerAddress, handshakeTimeout),
                    SequenceLimits.DEFAULTS, subprotocols, announce);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /** Starts the server, turning the failures a user can cause into one line. Shared with the demo. */
    static StandaloneServer start(ServerOptions options) {
        try {
            return StandaloneServer.start(options);
        } catch (BindException e) {
            String ports = options.tlsPort() == null ? "port " + options.port()
                    : "port " + options.port() + " or " + options.tlsPort();
            throw new UserError(ExitCodes.SETUP, "cannot listen on " + options.host() + " " + ports + ": "
                    + e.getMessage() + " (stop the other server, or choose free ports with --port / --tls-port)", e);
        } catch (IOException | DeploymentException | RuntimeException e) {
            throw new UserError(ExitCodes.SETUP, "cannot start the server on " + options.host() + ": "
                    + Failures.summary(e), e);
        }
    }

    private void publishSelfSignedCertificate(int actualTlsPort) {
        announceCertificate(tls.writeSelfSignedCertificate(actualTlsPort), actualTlsPort);
    }

    private static void announceCertificate(Path pem, int actualTlsPort) {
        if (pem != null) {
            LOG.log(System.Logger.Level.INFO, "self-signed certificate for localhost, 127.0.0.1 and ::1 written to "
                    + pem + "; trust it with: wsprobe send --cacert " + pem + " wss://localhost:" + actualTlsPort
                    + "/receive");
        }
    }
}
