package dev.wsprobe.standalone;

import dev.wsprobe.certificates.DevelopmentCertificates;
import dev.wsprobe.server.EndpointStats;
import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.server.ReceivedMessage;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * A real WebSocket server for the tests of WebSocket clients, as MockWebServer is for HTTP clients: wsprobe's
 * echo ({@code /echo}) and receiver ({@code /receive}) on loopback ({@code 127.0.0.1}), on free ports, with
 * optional TLS. It tells a test where to connect, which certificate to trust, how many connections and
 * messages arrived, and what the messages said.
 *
 * <pre>{@code
 * try (WsprobeServer server = WsprobeServer.builder().tls().start()) {
 *     // connect a client to server.secureEchoUrl(), trusting server.clientSslContext(), send "hello" ...
 *     ReceivedMessage message = server.echo().takeReceived(Duration.ofSeconds(5));
 *     assertEquals("hello", message.text());
 * }
 * }</pre>
 *
 * <p>What the endpoints received is kept per endpoint in a bounded journal (by default the last
 * {@value MessageJournal.Limits#DEFAULT_MAX_MESSAGES} messages or 8 MiB, whichever comes first; see
 * {@link Builder#keepReceived}); {@link Endpoint#takeReceived} reads it in arrival order. For JUnit 5, see
 * {@link WsprobeServerExtension}. Thread-safe.
 */
public final class WsprobeServer implements AutoCloseable {
    /** The address the server listens on: loopback only, never reachable from another machine. */
    public static final String HOST = "127.0.0.1";
    /** How long {@link #close()} waits for clients to answer the server's close (1001 going away): 2 s. */
    public static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);

    private final StandaloneServer server;
    private final X509Certificate certificate;
    private final Endpoint echo;
    private final Endpoint receiver;

    private WsprobeServer(StandaloneServer server, X509Certificate certificate) {
        this.server = server;
        this.certificate = certificate;
        this.echo = new Endpoint(server.context().echo());
        this.receiver = new Endpoint(server.context().receiver());
    }

    /** A builder: plain ws:// only, any free port, {@link ServerConfig#DEFAULT}, default journal bounds. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server with the defaults of {@link #builder()}: ws:// only, on a free port. */
    public static WsprobeServer start() throws IOException {
        return builder().start();
    }

    /** {@code ws://127.0.0.1:<port><path>}; {@code path} starts with {@code /}, e.g. {@code /echo?x=1}. */
    public URI ws(String path) {
        return URI.create("ws://" + HOST + ":" + port() + checkedPath(path));
    }

    /**
     * {@code wss://127.0.0.1:<tls port><path>}.
     *
     * @throws IllegalStateException when the server was built without TLS
     */
    public URI wss(String path) {
        return URI.create("wss://" + HOST + ":" + tlsPort().orElseThrow(() -> new IllegalStateException(
                "this server has no TLS listener: build it with tls()")) + checkedPath(path));
    }

    /** The echo over ws://: sends every message back as it came, text as text, binary as binary. */
    public URI echoUrl() {
        return ws("/echo");
    }

    /** The echo over wss:// (needs {@link Builder#tls()}). */
    public URI secureEchoUrl() {
        return wss("/echo");
    }

    /** The receiver over ws://: keeps and counts what it gets and never answers (unless asked to ack). */
    public URI receiverUrl() {
        return ws("/receive");
    }

    /** The receiver over wss:// (needs {@link Builder#tls()}). */
    public URI secureReceiverUrl() {
        return wss("/receive");
    }

    /** The server's {@code /status} JSON document (counters, uptime) over plain HTTP. */
    public URI statusUrl() {
        return URI.create("http://" + HOST + ":" + port() + "/status");
    }

    /** The plain (ws://) port, chosen by the system unless {@link Builder#port} fixed it. */
    public int port() {
        return server.port();
    }

    /** The TLS (wss://) port, empty when the server has no TLS listener. */
    public OptionalInt tlsPort() {
        return server.tlsPort().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * The certificate a client must trust to reach {@link #wss}: the development certificate made at start
     * ({@link Builder#tls()}, for {@code localhost}, {@code 127.0.0.1} and {@code ::1}), or the root of the chain
     * given to {@link Builder#tls(TlsIdentity)}.
     *
     * @throws IllegalStateException without TLS, or when TLS came as an {@code SSLContext} (whose certificate
     *                               this server cannot know)
     */
    public X509Certificate certificate() {
        if (certificate == null) {
            throw new IllegalStateException(tlsPort().isPresent()
                    ? "this server's TLS came as an SSLContext: its certificate is the caller's"
                    : "this server has no TLS listener: build it with tls()");
        }
        return certificate;
    }

    /**
     * A new client {@code SSLContext} trusting exactly {@link #certificate()} (nothing from the JDK's trust
     * store), for any client that takes one: {@code java.net.http.HttpClient.newBuilder().sslContext(..)},
     * Tyrus, Jetty, OkHttp. Host names are still checked by the client: connect to {@code 127.0.0.1} (what
     * {@link #wss} gives) or {@code localhost}.
     *
     * @throws IllegalStateException as {@link #certificate()}
     */
    public SSLContext clientSslContext() {
        try {
            return SslContexts.trusting(KeyStores.trustStoreOf(certificate()));
        } catch (TlsSetupException e) {
            throw new IllegalStateException("a trust store of one certificate is always usable: " + e.getMessage(), e);
        }
    }

    /** What this server enforces (message size, origins, session keeping, limits). */
    public ServerConfig config() {
        return server.context().config();
    }

    /** The echo endpoint ({@code /echo}): its counters and what it received. */
    public Endpoint echo() {
        return echo;
    }

    /** The receiver endpoint ({@code /receive}): its counters and what it received. */
    public Endpoint receiver() {
        return receiver;
    }

    /**
     * The endpoint at {@code path}.
     *
     * @throws IllegalArgumentException for a path that is neither {@code /echo} nor {@code /receive}
     */
    public Endpoint endpoint(String path) {
        return switch (path) {
            case "/echo" -> echo;
            case "/receive" -> receiver;
            default -> throw new IllegalArgumentException("no endpoint at " + path + ": /echo or /receive");
        };
    }

    /** WebSocket connections open now on all endpoints. */
    public int openConnections() {
        return echo.openConnections() + receiver.openConnections();
    }

    /** WebSocket connections accepted since start on all endpoints (closed ones included). */
    public long connectionsAccepted() {
        return echo.connectionsAccepted() + receiver.connectionsAccepted();
    }

    /** The server underneath, for what this class does not offer (its context, its handshake gate's count). */
    public StandaloneServer standalone() {
        return server;
    }

    /** The per-server state underneath: configuration, counters, sequence tracking. */
    public ServerContext context() {
        return server.context();
    }

    /**
     * Closes every connection with 1001 (going away), waits up to {@link #CLOSE_PATIENCE} for the clients to
     * answer, then frees the ports. Calling it again does nothing.
     */
    @Override
    public void close() {
        echo.reader.close();
        receiver.reader.close();
        server.stop(CLOSE_PATIENCE);
    }

    private static String checkedPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /, got: " + path);
        }
        return path;
    }

    /** One endpoint of the server: its counters, and the messages it received, read in arrival order. */
    public static final class Endpoint {
        private final EndpointStats stats;
        private final MessageJournal.Reader reader;

        private Endpoint(EndpointStats stats) {
            this.stats = stats;
            this.reader = stats.journal().open();
        }

        /** {@code /echo} or {@code /receive}. */
        public String path() {
            return stats.path();
        }

        /** Connections open now. */
        public int openConnections() {
            return stats.snapshot().openConnections();
        }

        /** Connections accepted since start, closed ones included. */
        public long connectionsAccepted() {
            return stats.snapshot().connectionsAccepted();
        }

        /** Messages received since start (not those refused for their size), whether kept or not. */
        public long messagesReceived() {
            return stats.snapshot().messagesReceived();
        }

        /** Bytes of those messages (text counted as UTF-8). */
        public long bytesReceived() {
            return stats.snapshot().bytesReceived();
        }

        /**
         * The next received message not taken yet, waiting up to {@code timeout} for it: each message is
         * taken once, in the order it arrived.
         *
         * @throws TimeoutException when none arrives in time
         */
        public ReceivedMessage takeReceived(Duration timeout)
                throws InterruptedException, TimeoutException {
            return awaitMessages(1, timeout).get(0);
        }

        /**
         * The next {@code count} received messages not taken yet, waiting up to {@code timeout} in all.
         *
         * @throws TimeoutException when fewer arrive in time (the ones that did are taken)
         */
        public List<ReceivedMessage> awaitMessages(int count, Duration timeout)
                throws InterruptedException, TimeoutException {
            if (count < 1) {
                throw new IllegalArgumentException("count must be at least 1, got " + count);
            }
            List<ReceivedMessage> messages = reader.next(count, Objects.requireNonNull(timeout, "timeout"));
            if (messages.size() < count) {
                throw new TimeoutException("waited " + timeout + " for " + count
                        + " message(s) on " + path() + ", got " + messages.size() + ": " + messages);
            }
            return messages;
        }

        /**
         * The next received message not taken yet, if one arrives within {@code timeout}; for checking that
         * nothing (more) arrives.
         */
        public Optional<ReceivedMessage> pollReceived(Duration timeout) throws InterruptedException {
            return Optional.ofNullable(reader.next(timeout));
        }

        /** The kept messages not taken yet, oldest first, without taking them. */
        public List<ReceivedMessage> received() {
            return reader.unread();
        }

        /** Forgets the messages received so far: the next take waits for a new one. */
        public void clearReceived() {
            reader.clear();
        }

        /**
         * Messages that were never taken because the journal's bound evicted them first (see
         * {@link Builder#keepReceived}); 0 unless a test sent more than the bound without taking.
         */
        public long evictedBeforeTaken() {
            return reader.missed();
        }
    }

    /** How to start a {@link WsprobeServer}. Each setting has a default; {@link #start()} may be called again. */
    public static final class Builder {
        private int port;
        private int tlsPort;
        private boolean developmentCertificate;
        private TlsIdentity identity;
        private SSLContext sslContext;
        private ServerConfig config = ServerConfig.DEFAULT;
        private MessageJournal.Limits keep = MessageJournal.Limits.DEFAULT;

        private Builder() {
        }

        /** The plain ws:// port (default 0: any free port, see {@link WsprobeServer#port()}). */
        public Builder port(int newPort) {
            port = checkedPort(newPort);
            return this;
        }

        /** The wss:// port when TLS is on (default 0: any free port, see {@link WsprobeServer#tlsPort()}). */
        public Builder tlsPort(int newPort) {
            tlsPort = checkedPort(newPort);
            return this;
        }

        /**
         * Adds a wss:// listener with a self-signed development certificate made at start (EC P-256, valid 30 days,
         * for {@code localhost}, {@code 127.0.0.1} and {@code ::1}); clients trust it through
         * {@link WsprobeServer#certificate()} or {@link WsprobeServer#clientSslContext()}. Default: no TLS.
         */
        public Builder tls() {
            clearTls();
            developmentCertificate = true;
            return this;
        }

        /**
         * Adds a wss:// listener presenting {@code serverIdentity} (key and chain, leaf first); clients trust the
         * chain's last certificate (its root, or the leaf when self-signed).
         */
        public Builder tls(TlsIdentity serverIdentity) {
            clearTls();
            identity = Objects.requireNonNull(serverIdentity, "serverIdentity");
            return this;
        }

        /**
         * Adds a wss:// listener with the caller's server context; {@link WsprobeServer#certificate()} is then
         * unknown to the server, and clients trust what the caller knows it presents.
         */
        public Builder tls(SSLContext serverContext) {
            clearTls();
            sslContext = Objects.requireNonNull(serverContext, "serverContext");
            return this;
        }

        /** What the server enforces (default {@link ServerConfig#DEFAULT}: 64 KiB messages, same-origin pages...). */
        public Builder config(ServerConfig newConfig) {
            config = Objects.requireNonNull(newConfig, "config");
            return this;
        }

        /** The configuration changed from the current one, e.g. {@code c -> c.withMaxMessageBytes(1024)}. */
        public Builder config(UnaryOperator<ServerConfig> change) {
            return config(change.apply(config));
        }

        /**
         * How much of what it received each endpoint keeps for {@link Endpoint#takeReceived}: at most
         * {@code maxMessages} messages and {@code maxBytes} bytes of content (text as UTF-8); beyond either, the
         * oldest go first. Default {@value MessageJournal.Limits#DEFAULT_MAX_MESSAGES} messages and 8 MiB per
         * endpoint; {@code 0, 0} keeps nothing (the counters still count).
         */
        public Builder keepReceived(int maxMessages, long maxBytes) {
            keep = new MessageJournal.Limits(maxMessages, maxBytes);
            return this;
        }

        /**
         * Binds the ports on {@link WsprobeServer#HOST} and deploys the endpoints; when it returns, clients can
         * connect.
         *
         * @throws IOException when a port is taken ({@link java.net.BindException}) or the endpoints cannot be
         *                     deployed
         */
        public WsprobeServer start() throws IOException {
            ServerOptions options = ServerOptions.plain(HOST, port).withConfig(config);
            X509Certificate trusted = null;
            TlsIdentity presented = developmentCertificate
                    ? DevelopmentCertificates.selfSigned(DevelopmentCertificates.LOCAL_NAMES)
                    : identity;
            if (presented != null) {
                options = options.withTls(tlsPort, serverContext(presented));
                trusted = presented.chain().get(presented.chain().size() - 1);
            } else if (sslContext != null) {
                options = options.withTls(tlsPort, sslContext);
            }
            try {
                return new WsprobeServer(StandaloneServer.start(options, keep), trusted);
            } catch (DeploymentException e) {
                throw new IOException("cannot deploy wsprobe's endpoints: " + e.getMessage(), e);
            }
        }

        private void clearTls() {
            developmentCertificate = false;
            identity = null;
            sslContext = null;
        }

        private static SSLContext serverContext(TlsIdentity identity) throws IOException {
            char[] password = "wsprobe".toCharArray();
            try {
                return SslContexts.forServer(identity.toKeyStore(password), password);
            } catch (TlsSetupException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        private static int checkedPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("a port is 0 (any free one) to 65535, got " + port);
            }
            return port;
        }
    }
}
