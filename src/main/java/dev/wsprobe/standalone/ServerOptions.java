package dev.wsprobe.standalone;

import dev.wsprobe.server.ServerConfig;
import javax.net.ssl.SSLContext;

/**
 * Where and how {@link StandaloneServer} listens, and the configuration of the server behind the listeners.
 *
 * @param host       address to bind; {@code ::} is dual stack (IPv6 and IPv4)
 * @param port       plain ws:// port, 0 for any free port
 * @param tlsPort    wss:// port, 0 for any free port, null for no TLS listener
 * @param tlsContext the server's TLS identity; required exactly when {@code tlsPort} is set
 * @param clientAuth whether TLS clients must present a certificate the context's trust managers accept
 * @param tuning     threads, I/O strategy and buffers of the listeners' transport
 * @param config     what the server enforces (limits, origins, session keeping, message lines)
 * @param compression whether permessage-deflate is accepted when a client offers it, and how (default
 *                    {@link Compression#DEFAULT}; the README says what it costs)
 */
public record ServerOptions(String host, int port, Integer tlsPort, SSLContext tlsContext, ClientAuth clientAuth,
        ServerTuning tuning, ServerConfig config, Compression compression) {
    public static final String DEFAULT_HOST = "::";
    public static final int DEFAULT_PORT = 12345;
    public static final int DEFAULT_TLS_PORT = 12346;

    /** Options with the default compression. */
    public ServerOptions(String host, int port, Integer tlsPort, SSLContext tlsContext, ClientAuth clientAuth,
            ServerTuning tuning, ServerConfig config) {
        this(host, port, tlsPort, tlsContext, clientAuth, tuning, config, Compression.DEFAULT);
    }

    public ServerOptions {
        java.util.Objects.requireNonNull(compression, "compression");
        if ((tlsPort == null) != (tlsContext == null)) {
            throw new IllegalArgumentException("a TLS port needs a TLS context and the other way round");
        }
    }

    public static ServerOptions plain(String host, int port) {
        return new ServerOptions(host, port, null, null, ClientAuth.NONE, ServerTuning.DEFAULT, ServerConfig.DEFAULT);
    }

    public ServerOptions withTls(int newTlsPort, SSLContext context) {
        return new ServerOptions(host, port, newTlsPort, context, clientAuth, tuning, config, compression);
    }

    public ServerOptions withClientAuth(ClientAuth newClientAuth) {
        return new ServerOptions(host, port, tlsPort, tlsContext, newClientAuth, tuning, config, compression);
    }

    public ServerOptions withTuning(ServerTuning newTuning) {
        return new ServerOptions(host, port, tlsPort, tlsContext, clientAuth, newTuning, config, compression);
    }

    public ServerOptions withConfig(ServerConfig newConfig) {
        return new ServerOptions(host, port, tlsPort, tlsContext, clientAuth, tuning, newConfig, compression);
    }

    public ServerOptions withCompression(Compression newCompression) {
        return new ServerOptions(host, port, tlsPort, tlsContext, clientAuth, tuning, config, newCompression);
    }

    /** Compression on ({@link Compression#ON}) or off. */
    public ServerOptions withCompression(boolean on) {
        return withCompression(on ? Compression.ON : Compression.OFF);
    }

    /** The same options with {@code change} applied to the server configuration. */
    public ServerOptions withConfig(java.util.function.UnaryOperator<ServerConfig> change) {
        return withConfig(change.apply(config));
    }
}
