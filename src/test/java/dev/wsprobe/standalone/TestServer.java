package dev.wsprobe.standalone;

import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.TyrusClientConnector;
import dev.wsprobe.testing.EventSocket;
import dev.wsprobe.testing.TestedHost;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.WebSocketUrl;
import java.net.URI;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The standalone server on loopback, ephemeral ports, ws and wss, with a certificate for localhost,
 * 127.0.0.1 and ::1 issued by the test's own CA.
 */
final class TestServer implements TestedHost, AutoCloseable {
    final TestPki pki = new TestPki();
    final StandaloneServer server;

    TestServer() throws Exception {
        this("localhost", "127.0.0.1", "::1");
    }

    /** @param certificateNames what the server's certificate covers */
    TestServer(String... certificateNames) throws Exception {
        this(ServerConfig.DEFAULT, certificateNames);
    }

    /** A server with {@code config}, and a certificate for localhost, 127.0.0.1 and ::1. */
    TestServer(ServerConfig config) throws Exception {
        this(config, "localhost", "127.0.0.1", "::1");
    }

    private TestServer(ServerConfig config, String... certificateNames) throws Exception {
        server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withTls(0, pki.serverContext(pki.serverIdentity(certificateNames))).withConfig(config));
    }

    /** This server's endpoints and counters. */
    ServerContext context() {
        return server.context();
    }

    @Override
    public URI ws(String path) {
        return URI.create("ws://localhost:" + server.port() + path);
    }

    @Override
    public URI wss(String path) {
        return URI.create("wss://localhost:" + server.tlsPort().orElseThrow() + path);
    }

    @Override
    public URI status() {
        return URI.create("http://localhost:" + server.port() + "/status");
    }

    @Override
    public SSLContext clientTrust() {
        return pki.trustingClientContext();
    }

    @Override
    public String name() {
        return "standalone";
    }

    /** Trust for a client of this server: the test CA, host names checked. */
    ClientTls clientTls() {
        return ClientTls.verifying(pki.trustingClientContext());
    }

    /** The standalone host's own client for {@code target}, trusting the test CA for wss. */
    TyrusClientConnector connector(URI target) {
        return new TyrusClientConnector(WebSocketUrl.isSecure(target) ? clientTls() : null, target,
                SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
    }

    /** Connects a recording socket with the standalone host's own client; the caller closes the connector. */
    TyrusClientConnector connect(EventSocket socket, URI target) throws Exception {
        TyrusClientConnector connector = connector(target);
        connector.connect(socket, target);
        socket.awaitOpen();
        return connector;
    }

    @Override
    public void close() {
        server.stop(Duration.ofSeconds(2));
    }
}
