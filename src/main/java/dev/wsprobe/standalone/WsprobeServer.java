package dev.wsprobe.standalone;

import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.server.ReceivedMessage;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.OptionalInt;
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
 * {@link WsprobeServerBuilder#keepReceived}); {@link WsprobeEndpoint#takeReceived} reads it in arrival order.
 * For JUnit 5, see {@link WsprobeServerExtension}. Thread-safe.
 */
public final class WsprobeServer implements WsprobeUrls, AutoCloseable {
    /** The address the server listens on: loopback only, never reachable from another machine. */
    public static final String HOST = "127.0.0.1";
    /** How long {@link #close()} waits for clients to answer the server's close (1001 going away): 2 s. */
    public static final Duration CLOSE_PATIENCE = Duration.ofSeconds(2);

    private final StandaloneServer server;
    private final X509Certificate certificate;
    private final WsprobeEndpoint echo;
    private final WsprobeEndpoint receiver;

    WsprobeServer(StandaloneServer server, X509Certificate certificate) {
        this.server = server;
        this.certificate = certificate;
        this.echo = new WsprobeEndpoint(server.context().echo());
        this.receiver = new WsprobeEndpoint(server.context().receiver());
    }

    /** A builder: plain ws:// only, any free port, {@link ServerConfig#DEFAULT}, default journal bounds. */
    public static WsprobeServerBuilder builder() {
        return new WsprobeServerBuilder();
    }

    /** Starts a server with the defaults of {@link #builder()}: ws:// only, on a free port. */
    public static WsprobeServer start() throws IOException {
        return builder().start();
    }

    @Override
    public URI ws(String path) {
        return URI.create("ws://" + HOST + ":" + port() + checkedPath(path));
    }

    @Override
    public URI wss(String path) {
        return URI.create("wss://" + HOST + ":" + tlsPort().orElseThrow(() -> new IllegalStateException(
                "this server has no TLS listener: build it with tls()")) + checkedPath(path));
    }

    /** The server's {@code /status} JSON document (counters, uptime) over plain HTTP. */
    public URI statusUrl() {
        return URI.create("http://" + HOST + ":" + port() + "/status");
    }

    /** The server's metrics in the Prometheus text format over plain HTTP (on the same port). */
    public URI metricsUrl() {
        return URI.create("http://" + HOST + ":" + port() + dev.wsprobe.metrics.MetricsText.PATH);
    }

    /** The plain (ws://) port, chosen by the system unless {@link WsprobeServerBuilder#port} fixed it. */
    public int port() {
        return server.port();
    }

    /** The TLS (wss://) port, empty when the server has no TLS listener. */
    public OptionalInt tlsPort() {
        return server.tlsPort().map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    /**
     * The certificate a client must trust to reach {@link #wss}: the development certificate made at start
     * ({@link WsprobeServerBuilder#tls()}, for {@code localhost}, {@code 127.0.0.1} and {@code ::1}), or the root of
     * the chain given to {@link WsprobeServerBuilder#tls(TlsIdentity)}.
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
    public WsprobeEndpoint echo() {
        return echo;
    }

    /** The receiver endpoint ({@code /receive}): its counters and what it received. */
    public WsprobeEndpoint receiver() {
        return receiver;
    }

    /**
     * The endpoint at {@code path}.
     *
     * @throws IllegalArgumentException for a path that is neither {@code /echo} nor {@code /receive}
     */
    public WsprobeEndpoint endpoint(String path) {
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
        echo.close();
        receiver.close();
        server.stop(CLOSE_PATIENCE);
    }

    private static String checkedPath(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /, got: " + path);
        }
        return path;
    }
}
