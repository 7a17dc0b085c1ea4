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
 */
public record ServerOptions(String host, int port, Integer tlsPort, SSLContext tlsContext, SessionKeeper keeper,
        ClientAuth clientAuth, ConnectionLimits limits) {
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
                ConnectionLimits.DEFAULT);
    }

    public ServerOptions withTls(int newTlsPort, SSLContext context) {
        return new ServerOptions(host, port, newTlsPort, context, keeper, clientAuth, limits);
    }

    public ServerOptions withClientAuth(ClientAuth newClientAuth) {
        return new ServerOptions(host, port, tlsPort, tlsContext, keeper, newClientAuth, limits);
    }

    public ServerOptions withLimits(ConnectionLimits newLimits) {
        return new ServerOptions(host, port, tlsPort, tlsContext, keeper, clientAuth, newLimits);
    }

    public ServerOptions withKeeper(SessionKeeper newKeeper) {
        return new ServerOptions(host, port, tlsPort, tlsContext, newKeeper, clientAuth, limits);
    }
}
