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
import javax.net.ssl.SSLContext;

/**
 * The standalone server on loopback, ephemeral ports, ws and wss, with a certificate for localhost,
 * 127.0.0.1 and ::1 issued by the test's own CA: a {@link WsprobeServer} (the embeddable API) with the helpers
 * wsprobe's own tests need, as a {@link TestedHost} for {@link dev.wsprobe.testing.EndpointSuite}.
 *
 * <p>Per test class: {@code @RegisterExtension static final WsprobeServerExtension SERVER = TestServer.extension();}
 * and {@code TestServer.of(SERVER)} in the tests; per test: {@code try (TestServer server = new TestServer())}.
 */
final class TestServer implements TestedHost, AutoCloseable {
    /** The CA behind the server's certificate; null for a server from {@link #of}, whose CA is the extension's. */
    final TestPki pki;
    final WsprobeServer server;

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

    /** A server with {@code config}, its certificate for localhost, 127.0.0.1 and ::1 issued by {@code pki}. */
    static TestServer issuedBy(TestPki pki, ServerConfig config) throws Exception {
        return new TestServer(pki, config, "localhost", "127.0.0.1", "::1");
    }

    /**
     * A server with {@code config} and {@code compression} (permessage-deflate, off by default), its
     * certificate for localhost, 127.0.0.1 and ::1 issued by {@code pki}.
     */
    static TestServer compressing(TestPki pki, ServerConfig config, Compression compression) throws Exception {
        return new TestServer(pki, builder(pki, config).compression(compression).start());
    }

    private TestServer(ServerConfig config, String... certificateNames) throws Exception {
        this(new TestPki(), config, certificateNames);
    }

    private TestServer(TestPki pki, ServerConfig config, String... certificateNames) throws Exception {
        this(pki, WsprobeServer.builder().tls(pki.serverIdentity(certificateNames)).config(config).start());
    }

    private TestServer(TestPki pki, WsprobeServer server) {
        this.pki = pki;
        this.server = server;
    }

    /**
     * A test class's server through the embeddable API's JUnit extension: ws and wss, a certificate for
     * localhost, 127.0.0.1 and ::1 issued by a CA of its own, {@code config}.
     */
    static WsprobeServerExtension extension(ServerConfig config) {
        return WsprobeServerExtension.of(builder(new TestPki(), config));
    }

    /** {@link #extension(ServerConfig)} with {@link ServerConfig#DEFAULT}. */
    static WsprobeServerExtension extension() {
        return extension(ServerConfig.DEFAULT);
    }

    /** The extension's running server, with this class's helpers; call it during a test. */
    static TestServer of(WsprobeServerExtension extension) {
        return new TestServer(null, extension.server());
    }

    private static WsprobeServerBuilder builder(TestPki pki, ServerConfig config) {
        return WsprobeServer.builder().tls(pki.serverIdentity("localhost", "127.0.0.1", "::1")).config(config);
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

    /** Trusts exactly the root of the server's certificate chain (the test CA), host names checked. */
    @Override
    public SSLContext clientTrust() {
        return server.clientSslContext();
    }

    @Override
    public String name() {
        return "standalone";
    }

    /** Trust for a client of this server: the test CA, host names checked. */
    ClientTls clientTls() {
        return ClientTls.verifying(clientTrust());
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

    /** The plain (ws://) port. */
    int port() {
        return server.port();
    }

    @Override
    public int maxMessageBytes() {
        return server.config().maxMessageBytes();
    }

    @Override
    public void close() {
        server.close();
    }
}
