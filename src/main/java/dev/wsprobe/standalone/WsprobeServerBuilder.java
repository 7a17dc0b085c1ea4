package dev.wsprobe.standalone;

import dev.wsprobe.certificates.DevelopmentCertificates;
import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/** How to start a {@link WsprobeServer}. Each setting has a default; {@link #start()} may be called again. */
public final class WsprobeServerBuilder {
    private int port;
    private int tlsPort;
    private boolean developmentCertificate;
    private TlsIdentity identity;
    private SSLContext sslContext;
    private ServerConfig config = ServerConfig.DEFAULT;
    private MessageJournal.Limits keep = MessageJournal.Limits.DEFAULT;
    private Compression compression = Compression.DEFAULT;

    WsprobeServerBuilder() {
    }

    /** The plain ws:// port (default 0: any free port, see {@link WsprobeServer#port()}). */
    public WsprobeServerBuilder port(int newPort) {
        port = checkedPort(newPort);
        return this;
    }

    /** The wss:// port when TLS is on (default 0: any free port, see {@link WsprobeServer#tlsPort()}). */
    public WsprobeServerBuilder tlsPort(int newPort) {
        tlsPort = checkedPort(newPort);
        return this;
    }

    /**
     * Adds a wss:// listener with a self-signed development certificate made at start (EC P-256, valid 30 days,
     * for {@code localhost}, {@code 127.0.0.1} and {@code ::1}); clients trust it through
     * {@link WsprobeServer#certificate()} or {@link WsprobeServer#clientSslContext()}. Default: no TLS.
     */
    public WsprobeServerBuilder tls() {
        clearTls();
        developmentCertificate = true;
        return this;
    }

    /**
     * Adds a wss:// listener presenting {@code serverIdentity} (key and chain, leaf first); clients trust the
     * chain's last certificate (its root, or the leaf when self-signed).
     */
    public WsprobeServerBuilder tls(TlsIdentity serverIdentity) {
        clearTls();
        identity = Objects.requireNonNull(serverIdentity, "serverIdentity");
        return this;
    }

    /**
     * Adds a wss:// listener with the caller's server context; {@link WsprobeServer#certificate()} is then
     * unknown to the server, and clients trust what the caller knows it presents.
     */
    public WsprobeServerBuilder tls(SSLContext serverContext) {
        clearTls();
        sslContext = Objects.requireNonNull(serverContext, "serverContext");
        return this;
    }

    /** What the server enforces (default {@link ServerConfig#DEFAULT}: 64 KiB messages, same-origin pages...). */
    public WsprobeServerBuilder config(ServerConfig newConfig) {
        config = Objects.requireNonNull(newConfig, "config");
        return this;
    }

    /** The configuration changed from the current one, e.g. {@code c -> c.withMaxMessageBytes(1024)}. */
    public WsprobeServerBuilder config(UnaryOperator<ServerConfig> change) {
        return config(change.apply(config));
    }

    /**
     * How much of what it received each endpoint keeps for {@link WsprobeEndpoint#takeReceived}: at most
     * {@code maxMessages} messages and {@code maxBytes} bytes of content (text as UTF-8); beyond either, the
     * oldest go first. Default {@value MessageJournal.Limits#DEFAULT_MAX_MESSAGES} messages and 8 MiB per
     * endpoint; {@code 0, 0} keeps nothing (the counters still count).
     */
    public WsprobeServerBuilder keepReceived(int maxMessages, long maxBytes) {
        keep = new MessageJournal.Limits(maxMessages, maxBytes);
        return this;
    }

    /**
     * Whether and how permessage-deflate is accepted (default {@link Compression#DEFAULT}: off), e.g.
     * {@code Compression.ON.withServerContextTakeover(true)}.
     */
    public WsprobeServerBuilder compression(Compression newCompression) {
        compression = Objects.requireNonNull(newCompression, "compression");
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
        ServerOptions options = ServerOptions.plain(WsprobeServer.HOST, port).withConfig(config)
                .withCompression(compression);
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
