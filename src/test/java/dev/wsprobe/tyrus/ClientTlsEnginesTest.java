package dev.wsprobe.tyrus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.standalone.WsprobeServer;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.tls.ForwardingSslContextSpi;
import dev.wsprobe.tls.SslContexts;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TLS engines of wsprobe's Tyrus clients. The load generator's wss connections resume the TLS session of an
 * earlier connection to the same server (a full handshake verifies the certificate and the server's signature,
 * the load generator's main cost per connection): checked on the engines the client really used, through the
 * JDK's {@link SSLSession}, where a resumed session keeps the creation time of the session it resumes. And the
 * engines of both clients (load, and send/connect) offer wsprobe's protocols and suites only.
 */
class ClientTlsEnginesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static WsprobeServer server;
    private static URI target;

    @BeforeAll
    static void start() throws Exception {
        server = WsprobeServer.builder().tls(new TestPki().serverIdentity("localhost", "127.0.0.1")).start();
        target = URI.create("wss://localhost:" + server.tlsPort().orElseThrow() + "/echo");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSecondConnectionToTheSameServerResumesTheFirstsSession() throws Exception {
        RecordingContext recording = new RecordingContext(server.clientSslContext());
        try (TyrusLoadConnector connector = new TyrusLoadConnector(ClientTls.verifying(recording), TIMEOUT)) {
            connector.connect(new Opened(), target, null);
            SSLSession first = recording.engines.get(0).getSession();
            // the clock has moved past the first session's creation, so a new full handshake would show a later one
            while (System.currentTimeMillis() <= first.getCreationTime()) {
                Thread.onSpinWait();
            }
            connector.connect(new Opened(), target, null);
            connector.connect(new Opened(), target, null);

            assertEquals(3, recording.engines.size(), "one engine per connection");
            for (SSLEngine engine : recording.engines) {
                assertEquals(server.tlsPort().orElseThrow(), engine.getPeerPort(),
                        "engines are made for the server's port, the key of the JDK's session cache");
            }
            SSLSession second = recording.engines.get(1).getSession();
            SSLSession third = recording.engines.get(2).getSession();
            assertEquals("TLSv1.3", second.getProtocol());
            assertEquals(first.getCreationTime(), second.getCreationTime(),
                    "the second connection resumed the first's session instead of a full handshake");
            assertEquals(first.getCreationTime(), third.getCreationTime(), "and so did the third");
            assertArrayEquals(first.getPeerCertificates(), second.getPeerCertificates(),
                    "the resumed session is the server's, with its certificate");
        }
    }

    @Test
    void withoutResumptionEveryConnectionMakesAFullHandshake() throws Exception {
        RecordingContext recording = new RecordingContext(server.clientSslContext());
        try (TyrusLoadConnector connector = new TyrusLoadConnector(ClientTls.verifying(recording), TIMEOUT,
                ClientOptions.NONE, false)) {
            connector.connect(new Opened(), target, null);
            SSLSession first = recording.engines.get(0).getSession();
            while (System.currentTimeMillis() <= first.getCreationTime()) {
                Thread.onSpinWait();
            }
            connector.connect(new Opened(), target, null);
            SSLSession second = recording.engines.get(1).getSession();
            assertTrue(second.getCreationTime() > first.getCreationTime(),
                    "--tls-resumption off: a session of its own, from a full handshake");
            assertEquals(-1, recording.engines.get(1).getPeerPort(), "made without a port: the JDK caches nothing");
        }
    }

    @Test
    void aNewLoadGeneratorMakesAFullHandshakeAndItsEnginesFollowWsprobesPolicy() throws Exception {
        RecordingContext recording = new RecordingContext(server.clientSslContext());
        long before = System.currentTimeMillis();
        try (TyrusLoadConnector connector = new TyrusLoadConnector(ClientTls.verifying(recording), TIMEOUT)) {
            connector.connect(new Opened(), target, null);
        }
        SSLEngine engine = recording.engines.get(0);
        assertTrue(engine.getSession().getCreationTime() >= before,
                "a fresh client context has nothing to resume: a new session");
        assertArrayEquals(SslContexts.protocols(), engine.getEnabledProtocols(), "TLS 1.3 and 1.2 only");
        assertArrayEquals(SslContexts.cipherSuites(recording), engine.getEnabledCipherSuites(),
                "wsprobe's suites only (Tyrus' Grizzly client drops what its configurator is told)");
        assertNotEquals(List.of(), List.of(engine.getEnabledCipherSuites()));
    }

    @Test
    void theStandaloneClientOffersNoSuiteOutsideWsprobesPolicy() throws Exception {
        TestPki pki = new TestPki();
        SSLContext serverContext = pki.serverContext(pki.serverIdentity("localhost"));
        try (SSLServerSocket cbcOnly = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            cbcOnly.setEnabledProtocols(new String[] {"TLSv1.2"});
            cbcOnly.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"});
            URI cbcTarget = URI.create("wss://localhost:" + cbcOnly.getLocalPort() + "/echo");

            // control: a plain JDK client with the same trust agrees on a CBC suite with this server
            CompletableFuture<String> control = acceptOneHandshake(cbcOnly);
            try (SSLSocket plain = (SSLSocket) pki.trustingClientContext().getSocketFactory()
                    .createSocket("localhost", cbcOnly.getLocalPort())) {
                plain.startHandshake();
            }
            assertTrue(control.get(10, TimeUnit.SECONDS).contains("_CBC_"), "the server speaks CBC");

            CompletableFuture<String> handshake = acceptOneHandshake(cbcOnly);
            try (TyrusClientConnector client = new TyrusClientConnector(ClientTls.verifying(
                    pki.trustingClientContext()), cbcTarget, TIMEOUT)) {
                assertThrows(Exception.class, () -> client.connect(new Opened(), cbcTarget),
                        "no TLS connection without a common suite");
            }
            assertTrue(handshake.get(10, TimeUnit.SECONDS).startsWith("failed: "),
                    "the server found no suite in common with wsprobe's client: " + handshake.get());
        }
    }

    /** The server side of one TLS handshake: its suite, or "failed: " and why. */
    private static CompletableFuture<String> acceptOneHandshake(SSLServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.setSoTimeout(10_000);
                accepted.startHandshake();
                return accepted.getSession().getCipherSuite();
            } catch (IOException e) {
                return "failed: " + e;
            }
        });
    }

    /** An endpoint that only needs to open. */
    private static final class Opened extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            // TyrusLoadConnector.connect returns once open: nothing to wait for here
        }
    }

    /** A client context that keeps every engine it makes, to look at their sessions afterwards. */
    private static final class RecordingContext extends SSLContext {
        final List<SSLEngine> engines;

        RecordingContext(SSLContext context) {
            this(context, new CopyOnWriteArrayList<>());
        }

        private RecordingContext(SSLContext context, List<SSLEngine> engines) {
            super(new Spi(context, engines), context.getProvider(), context.getProtocol());
            this.engines = engines;
        }
    }

    private static final class Spi extends ForwardingSslContextSpi {
        private final List<SSLEngine> engines;

        Spi(SSLContext context, List<SSLEngine> engines) {
            super(context);
            this.engines = engines;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return recorded(super.engineCreateSSLEngine(host, port));
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return recorded(super.engineCreateSSLEngine());
        }

        private SSLEngine recorded(SSLEngine engine) {
            engines.add(engine);
            return engine;
        }
    }
}
