package dev.wsprobe.standalone;

import dev.wsprobe.server.SessionKeeper;
import javax.net.ssl.SSLContext;

/**
 * What {@link StandaloneServer} listens on.
 *
 * @param host       address to bind; {@code ::} is dual stack (IPv6 and IPv4)
 * @param port       plain ws:// port, 0 for any free port
 * @param tlsPort    wss:// port, 0 for any free port, null for no TLS listener
 * @param tlsContext the server's TLS identity; required exactly when {@code tlsPort} is set
 * @param keeper     idle timeout and dead-peer detection for open sessions
 * @param clientAuth whether TLS clients must present a certificate the context's trust managers accept
 * @param limits     connections admitted, and how long a connection may take to ask for its upgrade
 * @param tuning     threads, I/O strategy and buffers of the listeners' transport
 */
public record ServerOptions(String host, int port, Integer tlsPort, SSLContext tlsContext, SessionKeeper keeper,
        ClientAuth clientAuth, ConnectionLimits limits, ServerTuning tuning) {
    public static final String DEFAULT_HOST = "::";
    public static final int DEFAULT_PORT = 12345;
    public static final int DEFAULT_TLS_PORT = 12346;

    public ServerOptions {
        if ((tlsPort == null) != (tlsContext == null)) {
            throw new IllegalArgumentException("a TLS port needs a TLS context and the other way round");
        }
    }

    public static ServerOptions plain(String host, int port) {
        return new ServerOptions(host, port, null, null, SessionKeeper.DEFAULT, ClientAuth.NONE,
                ConnectionLimits.DEFAULT, ServerTuning.DEFAULT);
    }

    public ServerOptions withTls(int newTlsPort, SSLContext context) {
        return new ServerOptions(host, port, newTlsPort, context, keeper, clientAuth, limits, tuning);
    }

    public ServerOptions withClientAuth(ClientAuth newClientAuth) {
        return new ServerOptions(host, port, tlsPort, tlsContext, keeper, newClientAuth, limits, tuning);
    }

    public ServerOptions withLimits(ConnectionLimits newLimits) {
        return new ServerOptions(host, port, tlsPort, tlsContext, keeper, clientAuth, newLimits, tuning);
    }

    public ServerOptions withKeeper(SessionKeeper newKeeper) {
        return new ServerOptions(host, port, tlsPort, tlsContext, newKeeper, clientAuth, limits, tuning);
    }

    public ServerOptions withTuning(ServerTuning newTuning) {
        return new ServerOptions(host, port, tlsPort, tlsContext, keeper, clientAuth, limits, newTuning);
    }
}
