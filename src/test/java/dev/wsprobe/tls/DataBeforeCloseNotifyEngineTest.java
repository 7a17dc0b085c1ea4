package dev.wsprobe.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.TestPki;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server's last data and its close_notify in one buffer, as a client engine made by {@link PeerEngines} reads
 * them: the JDK's engine says CLOSED for the alert's record, which made Grizzly drop the data before it; the
 * client engine says OK for that record, and CLOSED for every read after it (so no unwrap loop goes round for
 * ever on bytes it cannot consume). Under TLS 1.2 the engine must still answer with its own close_notify.
 * Real JDK engines, a handshake in memory, a certificate made by the test.
 */
class DataBeforeCloseNotifyEngineTest {
    private static final TestPki PKI = new TestPki();
    private static final byte[] LAST_DATA = "a close frame".getBytes(StandardCharsets.US_ASCII);

    @Test
    void theAlertsRecordReadsAsOkAndEveryReadAfterItAsClosed() throws Exception {
        SSLEngine client = clientEngine();
        AlertRead read = readLastDataThenTheAlert(client, server("TLSv1.3"));

        assertReadsAfterTheAlertAreClosed(client, read.application());
    }

    @Test
    void underTls12TheAlertsRecordReadsAsOkAndTheEngineStillAnswersIt() throws Exception {
        SSLEngine client = clientEngine();
        SSLEngine server = server("TLSv1.2");
        AlertRead read = readLastDataThenTheAlert(client, server);
        SSLEngineResult alert = read.alert();
        // what sends Grizzly's unwrapAll through its handshake step, which wraps and writes the answer
        assertEquals(HandshakeStatus.NEED_WRAP, alert.getHandshakeStatus());
        assertEquals(HandshakeStatus.NEED_WRAP, client.getHandshakeStatus());

        ByteBuffer toServer = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        SSLEngineResult answer = client.wrap(ByteBuffer.allocate(0), toServer);
        assertEquals(Status.CLOSED, answer.getStatus());
        assertTrue(answer.bytesProduced() > 0, "the client's own close_notify");
        assertTrue(client.isOutboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, client.getHandshakeStatus(), "nothing more to send");
        SSLEngineResult serverRead = server.unwrap(toServer.flip(),
                ByteBuffer.allocate(server.getSession().getApplicationBufferSize()));
        assertEquals(Status.CLOSED, serverRead.getStatus(), "the server reads the answer as close_notify");
        assertTrue(server.isInboundDone());

        assertReadsAfterTheAlertAreClosed(client, read.application());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theJdksOwnEngineReportsTheAlertAsClosed(String protocol) throws Exception {
        // what the client engine changes: without it, Grizzly 4.0.2 stops its chain on this CLOSED (under
        // TLS 1.2 after its handshake step has sent the answer the NEED_WRAP asks for)
        SSLEngine client = PKI.trustingClientContext().createSSLEngine("localhost", 8443);
        client.setUseClientMode(true);
        ByteBuffer fromServer = lastDataThenCloseNotify(client, server(protocol));
        ByteBuffer application = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());

        assertEquals(Status.OK, client.unwrap(fromServer, application).getStatus());
        SSLEngineResult alert = client.unwrap(fromServer, application);
        assertEquals(Status.CLOSED, alert.getStatus());
        assertEquals(protocol.equals("TLSv1.2") ? HandshakeStatus.NEED_WRAP : HandshakeStatus.NOT_HANDSHAKING,
                alert.getHandshakeStatus());
    }

    /** A client engine made by {@link PeerEngines}, as the wss client makes it. */
    private static SSLEngine clientEngine() {
        return new PeerEngines(PKI.trustingClientContext(), 8443).createSSLEngine("localhost", 8443);
    }

    /** The client engine's read of the server's close_notify, and the buffer its reads went into. */
    private record AlertRead(SSLEngineResult alert, ByteBuffer application) {
    }

    /**
     * Has {@code client} read the server's last data and then its close_notify: the data goes up, and the alert's
     * record reads as OK, consumed, with nothing produced, the engine knowing the peer has closed.
     */
    private static AlertRead readLastDataThenTheAlert(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer fromServer = lastDataThenCloseNotify(client, server);
        ByteBuffer application = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());

        SSLEngineResult data = client.unwrap(fromServer, application);
        assertEquals(Status.OK, data.getStatus());
        assertEquals(LAST_DATA.length, data.bytesProduced());

        SSLEngineResult alert = client.unwrap(fromServer, application);
        assertEquals(Status.OK, alert.getStatus(), "the close_notify's record, so that the data before it goes up");
        assertTrue(alert.bytesConsumed() > 0, "the alert's record was consumed");
        assertEquals(0, alert.bytesProduced());
        assertEquals(0, fromServer.remaining());
        assertTrue(client.isInboundDone(), "the engine itself knows the peer has closed");
        return new AlertRead(alert, application);
    }

    /** A record read after the alert: CLOSED, nothing consumed. */
    private static void assertReadsAfterTheAlertAreClosed(SSLEngine client, ByteBuffer application)
            throws SSLException {
        SSLEngineResult after = client.unwrap(ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 1, 0}), application);
        assertEquals(Status.CLOSED, after.getStatus(), "every read after the alert");
        assertEquals(0, after.bytesConsumed());
    }

    /** A server engine that accepts {@code protocol} only. */
    private static SSLEngine server(String protocol) {
        SSLEngine server = PKI.serverContext(PKI.serverIdentity("localhost")).createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(new String[] {protocol});
        return server;
    }

    /** Completes a handshake with {@code server}, then returns the server's last data and its alert. */
    private static ByteBuffer lastDataThenCloseNotify(SSLEngine client, SSLEngine server) throws SSLException {
        client.setUseClientMode(true);
        handshake(client, server);
        assertEquals(server.getEnabledProtocols()[0], client.getSession().getProtocol());

        ByteBuffer out = ByteBuffer.allocate(4 * server.getSession().getPacketBufferSize());
        assertEquals(Status.OK, server.wrap(ByteBuffer.wrap(LAST_DATA), out).getStatus());
        server.closeOutbound();
        assertEquals(Status.CLOSED, server.wrap(ByteBuffer.allocate(0), out).getStatus());
        return out.flip();
    }

    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer toServer = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
        ByteBuffer toClient = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 4);
        ByteBuffer clientApp = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
        ByteBuffer serverApp = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 100 && !(done(client) && done(server)); step++) {
            advance(client, toServer, toClient, clientApp);
            advance(server, toClient, toServer, serverApp);
        }
        assertTrue(done(client) && done(server), "handshake finished");
        // what TLS 1.3 sends after the handshake (the session ticket) is read before the test's own records
        toClient.flip();
        while (toClient.hasRemaining()) {
            assertEquals(Status.OK, client.unwrap(toClient, clientApp).getStatus());
        }
        assertEquals(0, clientApp.position(), "no application data before the test's own");
    }

    private static boolean done(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One step of an engine: runs its tasks, writes what it must send, reads what it was sent. */
    private static void advance(SSLEngine engine, ByteBuffer outgoing, ByteBuffer incoming, ByteBuffer app)
            throws SSLException {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            engine.wrap(ByteBuffer.allocate(0), outgoing);
        }
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
            incoming.flip();
            engine.unwrap(incoming, app);
            incoming.compact();
        }
    }
}
