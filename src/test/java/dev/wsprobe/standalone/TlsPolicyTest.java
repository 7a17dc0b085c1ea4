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
    void enabledSuitesExcludeAnonymousNullAndBrokenCiphers() throws Exception {
        String[] suites = SslContexts.cipherSuites(SSLContext.getDefault());
        assertTrue(suites.length > 5, Arrays.toString(suites));
        for (String suite : suites) {
            assertFalse(suite.matches(".*(_anon_|_NULL_|_EXPORT_|_RC4_|_DES_|_3DES_|_MD5).*"), suite);
        }
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

    private SenderResult send(URI target, ClientTls tls) throws Exception {
        SenderOptions options = SenderOptions.defaults(target).withCount(1)
                .withTiming(Duration.ZERO, Duration.ofMillis(100)).withRetry(RetryPolicy.NEVER, Duration.ofSeconds(2));
        try (TyrusClientConnector connector = new TyrusClientConnector(tls, target, options.handshakeTimeout())) {
            return new PeriodicSender(options, connector, scheduler, new RecordingSenderListener(), Clock.systemUTC(),
                    new dev.wsprobe.diagnosis.Diagnoser(tls.context(), true, options.handshakeTimeout()))
                    .start().get(30, TimeUnit.SECONDS);
        }
    }

    private static SSLSocket tls11Socket(SSLContext client, int port) throws Exception {
        SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("localhost", port);
        socket.setEnabledProtocols(new String[] {"TLSv1.1"});
        socket.setSoTimeout(10_000);
        return socket;
    }
}
