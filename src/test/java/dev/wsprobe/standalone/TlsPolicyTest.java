package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.TyrusClientConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.CheckReport;
import dev.wsprobe.diagnosis.ConnectionCheck;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.RecordingSenderListener;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.certificates.PemIdentity;
import dev.wsprobe.tls.Renegotiation;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS 1.2 and 1.3 only, no weak suites, and mutual TLS both ways. */
class TlsPolicyTest {
    private final TestPki pki = new TestPki();
    private final TlsIdentity serverIdentity = pki.serverIdentity("localhost", "127.0.0.1");
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

    @TempDir
    Path dir;

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void enabledSuitesAreTls13OrEcdheWithAnAeadCipher() throws Exception {
        String[] suites = SslContexts.cipherSuites(SSLContext.getDefault());
        assertTrue(suites.length > 5, Arrays.toString(suites));
        for (String suite : suites) {
            assertFalse(suite.matches(".*(_anon_|_NULL_|_EXPORT_|_RC4_|_DES_|_3DES_|_MD5).*"), suite);
            assertTrue(suite.matches("TLS_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)"
                    + "|TLS_ECDHE_(ECDSA|RSA)_WITH_(AES_128_GCM_SHA256|AES_256_GCM_SHA384|CHACHA20_POLY1305_SHA256)"
                    + "|TLS_EMPTY_RENEGOTIATION_INFO_SCSV"), suite);
        }
        assertEquals(List.of(suites), List.of(SslContexts.cipherSuites(pki.serverContext(serverIdentity))),
                "servers and clients enable the same suites");
    }

    @Test
    void aTls12ClientOfferingOnlyCbcSuitesIsRefusedWhileABareJdkServerAcceptsIt() throws Exception {
        SSLContext client = pki.trustingClientContext();
        // control: the same client completes a handshake with a JDK server that allows CBC
        try (SSLServerSocket legacy = (SSLServerSocket) pki.serverContext(serverIdentity).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> accepted = acceptOneHandshake(legacy);
            try (SSLSocket socket = cbcOnlySocket(client, legacy.getLocalPort())) {
                socket.startHandshake();
                assertTrue(socket.getSession().getCipherSuite().contains("_CBC_"), socket.getSession().getCipherSuite());
            }
            accepted.get(10, TimeUnit.SECONDS);
        }
        try (StandaloneServer server = tlsServer();
                SSLSocket socket = cbcOnlySocket(client, server.tlsPort().orElseThrow())) {
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, socket::startHandshake);
            assertTrue(refused.getMessage().contains("handshake_failure")
                    || refused.getMessage().contains("Remote host terminated the handshake"), refused.getMessage());
        }
    }

    @Test
    void aTls12ClientGetsAnEcdheAeadSuite() throws Exception {
        try (StandaloneServer server = tlsServer();
                SSLSocket socket = (SSLSocket) pki.trustingClientContext().getSocketFactory()
                        .createSocket("localhost", server.tlsPort().orElseThrow())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"}); // the JDK's default suites, CBC and DHE included
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            assertEquals("TLSv1.2", socket.getSession().getProtocol());
            assertTrue(socket.getSession().getCipherSuite().matches("TLS_ECDHE_.*_(GCM_SHA256|GCM_SHA384|POLY1305_SHA256)"),
                    socket.getSession().getCipherSuite());
        }
    }

    @Test
    void aClientInitiatedRenegotiationIsRefused() throws Exception {
        try (StandaloneServer server = tlsServer();
                SSLSocket socket = (SSLSocket) pki.trustingClientContext().getSocketFactory()
                        .createSocket("localhost", server.tlsPort().orElseThrow())) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"}); // TLS 1.3 has no renegotiation
            socket.setSoTimeout((int) dev.wsprobe.testing.Await.PATIENCE.toMillis());
            socket.startHandshake();
            assertTrue(getStatus(socket).startsWith("HTTP/1.1 200"), "the connection works before");

            CompletableFuture<String> outcome = new CompletableFuture<>();
            socket.addHandshakeCompletedListener(done -> outcome.complete("renegotiated: " + done.getCipherSuite()));
            socket.startHandshake(); // on an established TLS 1.2 connection the JDK client renegotiates
            Thread reader = new Thread(() -> { // reading drives the new handshake
                try {
                    outcome.complete("the server closed the connection (" + socket.getInputStream().read() + ")");
                } catch (java.io.IOException refused) {
                    outcome.complete("refused: " + refused);
                }
            });
            reader.start();
            String result = outcome.get(dev.wsprobe.testing.Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertFalse(result.startsWith("renegotiated"), result);
            socket.close();
            reader.join(5000);
        }
    }

    @Test
    void theServerSaysAtStartUpThatRenegotiationIsRefusedAndWhichSuitesItUses() throws Exception {
        assertEquals("true", System.getProperty(Renegotiation.SWITCH));
        assertEquals(Renegotiation.REFUSED,
                Renegotiation.of(pki.serverContext(serverIdentity)));
        try (dev.wsprobe.testing.LogCapture lines = new dev.wsprobe.testing.LogCapture();
                StandaloneServer server = tlsServer()) {
            String line = lines.await(text -> text.contains("TLS: protocols"), "the TLS line");
            assertTrue(line.contains("client-initiated renegotiation: refused"), line);
            assertTrue(line.contains("cipher suites: " + String.join(", ",
                    SslContexts.cipherSuites(pki.serverContext(serverIdentity)))), line);
            assertFalse(line.contains("CBC"), line);
            assertFalse(lines.lines().stream().anyMatch(text -> text.contains("renegotiation is")), lines.lines().toString());
        }
    }

    @Test
    void wsprobesClientOffersNoCbcSuiteEither() throws Exception {
        try (SSLServerSocket cbcOnly = (SSLServerSocket) pki.serverContext(serverIdentity).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            cbcOnly.setEnabledProtocols(new String[] {"TLSv1.2"});
            cbcOnly.setEnabledCipherSuites(CBC_SUITES);
            CompletableFuture<String> accepted = acceptOneHandshake(cbcOnly);
            URI target = URI.create("wss://localhost:" + cbcOnly.getLocalPort() + "/receive");
            SenderResult result = send(target, ClientTls.verifying(pki.trustingClientContext()));
            assertEquals(Kind.FAILED, result.finalState().kind(), result.finalState().toString());
            // the sender fails either way (nothing speaks HTTP behind this port): what tells is the server's side
            assertEquals("handshake failed", accepted.get(10, TimeUnit.SECONDS),
                    "the sender's client must offer no CBC suite, so a CBC-only server finds none in common");
        }
    }

    private static final String[] CBC_SUITES = {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"};

    private StandaloneServer tlsServer() throws Exception {
        return StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withTls(0, pki.serverContext(serverIdentity)));
    }

    private static SSLSocket cbcOnlySocket(SSLContext client, int port) throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.setEnabledCipherSuites(CBC_SUITES);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Accepts one connection and runs its handshake on a thread of its own; the client side reports. */
    /** Accepts one connection; completes with the handshake's outcome: its cipher suite, or "handshake failed". */
    private static CompletableFuture<String> acceptOneHandshake(SSLServerSocket server) {
        CompletableFuture<String> outcome = new CompletableFuture<>();
        Thread acceptor = new Thread(() -> {
            try (SSLSocket accepted = (SSLSocket) server.accept()) {
                accepted.setSoTimeout(10_000);
                try {
                    accepted.startHandshake();
                } catch (SSLHandshakeException e) {
                    outcome.complete("handshake failed");
                    return;
                }
                outcome.complete(accepted.getSession().getCipherSuite());
                accepted.getInputStream().read(); // until the client closes
            } catch (Exception e) {
                outcome.completeExceptionally(e);
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return outcome;
    }

    /** One keep-alive GET /status on {@code socket}; the status line, or "" when the server closes. */
    private static String getStatus(SSLSocket socket) throws java.io.IOException {
        socket.getOutputStream().write(("GET /status HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        java.io.InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int c;
        while (!head.toString().endsWith("\r\n\r\n") && (c = in.read()) >= 0) {
            head.append((char) c);
        }
        for (String header : head.toString().split("\r\n")) {
            if (header.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(header.substring("content-length:".length()).trim()));
            }
        }
        return head.toString().split("\r\n", 2)[0];
    }

    @Test
    void aTls11ClientIsRefusedByTheServerWhileTheSameClientCanSpeakTls11() throws Exception {
        SSLContext client = pki.trustingClientContext();
        // control: this JVM's client really offers TLS 1.1 (a bare JDK server that allows it accepts it)
        try (SSLServerSocket legacy = (SSLServerSocket) pki.serverContext(serverIdentity).getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            legacy.setEnabledProtocols(new String[] {"TLSv1.1"});
            Thread acceptor = new Thread(() -> {
                try (SSLSocket accepted = (SSLSocket) legacy.accept()) {
                    accepted.startHandshake();
                } catch (Exception e) {
                    // the client side reports
                }
            });
            acceptor.start();
            try (SSLSocket socket = tls11Socket(client, legacy.getLocalPort())) {
                socket.startHandshake();
                assertEquals("TLSv1.1", socket.getSession().getProtocol());
            }
            acceptor.join(5000);
        }
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withTls(0, pki.serverContext(serverIdentity)));
                SSLSocket socket = tls11Socket(client, server.tlsPort().orElseThrow())) {
            // Grizzly closes without an alert; either way the handshake is refused
            SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, socket::startHandshake);
            assertTrue(refused.getMessage().contains("protocol_version")
                    || refused.getMessage().contains("Remote host terminated the handshake"), refused.getMessage());
        }
    }

    @Test
    void mutualTlsNeedRefusesAClientWithoutCertificateAndAcceptsOneFromTheCa() throws Exception {
        try (StandaloneServer server = mutualTlsServer(ClientAuth.NEED)) {
            URI target = URI.create("wss://localhost:" + server.tlsPort().orElseThrow() + "/receive");

            SenderResult without = send(target, ClientTls.verifying(pki.trustingClientContext()));
            assertEquals(Kind.FAILED, without.finalState().kind());
            assertEquals(DiagnosisCode.CLIENT_CERTIFICATE_REJECTED, without.finalState().diagnosis().code(),
                    without.finalState().toString());

            SenderResult with = send(target, clientWithCertificate(pki.serverIdentity("wsprobe client")));
            assertEquals(Kind.CANCELLED, with.finalState().kind(), with.finalState().toString());
            assertEquals(1, with.sent());

            SenderResult foreign = send(target, clientWithCertificate(new TestPki().serverIdentity("stranger")));
            assertEquals(DiagnosisCode.CLIENT_CERTIFICATE_REJECTED, foreign.finalState().diagnosis().code(),
                    "a certificate from another CA is refused: " + foreign.finalState());
        }
    }

    @Test
    void mutualTlsWantAcceptsClientsWithAndWithoutCertificate() throws Exception {
        try (StandaloneServer server = mutualTlsServer(ClientAuth.WANT)) {
            URI target = URI.create("wss://localhost:" + server.tlsPort().orElseThrow() + "/receive");
            SenderResult without = send(target, ClientTls.verifying(pki.trustingClientContext()));
            assertEquals(Kind.CANCELLED, without.finalState().kind(), without.finalState().toString());
            SenderResult with = send(target, clientWithCertificate(pki.serverIdentity("wsprobe client")));
            assertEquals(Kind.CANCELLED, with.finalState().kind(), with.finalState().toString());
        }
    }

    @Test
    void checkShowsTheTlsStepFailingForAMissingClientCertificate() throws Exception {
        try (StandaloneServer server = mutualTlsServer(ClientAuth.NEED)) {
            CheckReport report = ConnectionCheck.run(
                    URI.create("wss://localhost:" + server.tlsPort().orElseThrow() + "/echo"),
                    new ConnectionCheck.Settings(pki.trustingClientContext(), true, Duration.ofSeconds(2), true));
            assertEquals(DiagnosisCode.CLIENT_CERTIFICATE_REJECTED, report.failure().orElseThrow().code(),
                    report.toJson());
            assertEquals(DiagnosisCode.Step.TLS, report.steps().get(report.steps().size() - 1).step());
        }
    }

    @Test
    void clientCertificateAndKeyLoadFromPemFiles() throws Exception {
        TlsIdentity issued = pki.serverIdentity("wsprobe client");
        Path certificate = Files.writeString(dir.resolve("client.pem"), issued.certificatePem());
        Path key = Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(issued.privateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        TlsIdentity loaded = PemIdentity.load(certificate, key);
        assertEquals(issued.certificate(), loaded.certificate());
        assertEquals(issued.privateKey(), loaded.privateKey());
    }

    private StandaloneServer mutualTlsServer(ClientAuth mode) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore clientCas = KeyStores.trustStoreOf(pki.authorityCertificate());
        SSLContext context = SslContexts.forServer(serverIdentity.toKeyStore(password), password, clientCas);
        return StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0).withTls(0, context).withClientAuth(mode));
    }

    /** Trusts the server's CA and presents {@code client}. */
    private ClientTls clientWithCertificate(TlsIdentity client) throws Exception {
        return ClientTls.verifying(SslContexts.withClientCertificate(
                KeyStores.trustStoreOf(pki.authorityCertificate()), client));
    }

    /**
     * Long enough for a TLS handshake on a loaded 2-core machine (2 s failed there with a load average of 16);
     * the refusals these tests expect are TLS alerts, which come at once, not timeouts.
     */
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private SenderResult send(URI target, ClientTls tls) throws Exception {
        SenderOptions options = SenderOptions.defaults(target).withCount(1)
                .withTiming(Duration.ZERO, Duration.ofMillis(100)).withRetry(RetryPolicy.NEVER, HANDSHAKE_TIMEOUT);
        try (TyrusClientConnector connector = new TyrusClientConnector(tls, target, options.handshakeTimeout())) {
            return new PeriodicSender(options, connector, scheduler, new RecordingSenderListener(), Clock.systemUTC(),
                    new dev.wsprobe.diagnosis.Diagnoser(tls.context(), true, options.handshakeTimeout()))
                    .start().get(HANDSHAKE_TIMEOUT.toSeconds() * 4, TimeUnit.SECONDS);
        }
    }

    private static SSLSocket tls11Socket(SSLContext client, int port) throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port);
        socket.setEnabledProtocols(new String[] {"TLSv1.1"});
        socket.setSoTimeout(10_000);
        return socket;
    }
}
