package dev.wsprobe.tls;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link SSLEngine} that lets Grizzly deliver the data read just before the peer's {@code close_notify}: every
 * wss engine of wsprobe's clients ({@link PeerEngines}) and of its standalone server is one.
 * <p>
 * A server that closes a wss connection (Jetty 12, for one) sends its WebSocket close frame and right after it
 * TLS's {@code close_notify}; so does a client that closes its socket without waiting for the server's answer,
 * and then the server lost the client's frame and reported 1006 the same way. When both records arrive in one read, Grizzly's {@code SSLBaseFilter.unwrapAll}
 * (4.0.2, unchanged in 4.1.0) decrypts the frame, sees {@link SSLEngineResult.Status#CLOSED} for the alert and
 * stops its filter chain with the frame in hand: Tyrus never sees the close frame and reports 1006 instead of
 * the server's code and reason (docs/interop.md, known issues). Reported here as {@code OK} instead, the alert
 * lets Grizzly pass the frame up; the end of the stream, which follows the alert, still closes the connection.
 * <p>
 * Under TLS 1.2 the engine must answer the alert with its own ({@code NEED_WRAP}). Reported as {@code CLOSED},
 * Grizzly wrote that answer (its "silent rehandshake") and then dropped the frame all the same; reported as
 * {@code OK}, the same {@code NEED_WRAP} sends Grizzly through its rehandshake step, which wraps and writes the
 * answer just as well, and then passes the frame up (its handshake listeners hear of a handshake once more:
 * Tyrus' verifies the host name again, on the same session). The JDK closes the sending side as it reads a
 * TLS 1.2 close_notify, so Tyrus' own close frame cannot follow: the server sees no answer to its close, as
 * before, but the client now sees the server's code and reason.
 */
public final class DataBeforeCloseNotifyEngine extends SSLEngine {
    private final SSLEngine engine;

    public DataBeforeCloseNotifyEngine(SSLEngine engine) {
        super(engine.getPeerHost(), engine.getPeerPort());
        this.engine = engine;
    }

    @Override
    public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
        SSLEngineResult result = engine.unwrap(src, dsts, offset, length);
        if (!closeNotifyRecord(result)) {
            return result;
        }
        return new SSLEngineResult(SSLEngineResult.Status.OK, result.getHandshakeStatus(), result.bytesConsumed(), 0);
    }

    /**
     * The alert's own record only: once inbound is done, every later call consumes nothing and must stay CLOSED,
     * or Grizzly's unwrap loop would go round for ever on the bytes left behind it. TLS 1.3 leaves nothing to
     * answer (NOT_HANDSHAKING); a TLS 1.2 engine must answer with its own close_notify (NEED_WRAP).
     */
    private static boolean closeNotifyRecord(SSLEngineResult result) {
        SSLEngineResult.HandshakeStatus next = result.getHandshakeStatus();
        return result.getStatus() == SSLEngineResult.Status.CLOSED
                && (next == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING
                        || next == SSLEngineResult.HandshakeStatus.NEED_WRAP)
                && result.bytesConsumed() > 0
                && result.bytesProduced() == 0;
    }

    // Everything else is the engine's own.

    @Override
    public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
        return engine.wrap(srcs, offset, length, dst);
    }

    @Override
    public Runnable getDelegatedTask() {
        return engine.getDelegatedTask();
    }

    @Override
    public void closeInbound() throws SSLException {
        engine.closeInbound();
    }

    @Override
    public boolean isInboundDone() {
        return engine.isInboundDone();
    }

    @Override
    public void closeOutbound() {
        engine.closeOutbound();
    }

    @Override
    public boolean isOutboundDone() {
        return engine.isOutboundDone();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return engine.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return engine.getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        engine.setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return engine.getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return engine.getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        engine.setEnabledProtocols(protocols);
    }

    @Override
    public SSLSession getSession() {
        return engine.getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return engine.getHandshakeSession();
    }

    @Override
    public void beginHandshake() throws SSLException {
        engine.beginHandshake();
    }

    @Override
    public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
        return engine.getHandshakeStatus();
    }

    @Override
    public void setUseClientMode(boolean mode) {
        engine.setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return engine.getUseClientMode();
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        engine.setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return engine.getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        engine.setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return engine.getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        engine.setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return engine.getEnableSessionCreation();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return engine.getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters parameters) {
        engine.setSSLParameters(parameters);
    }

    @Override
    public String getApplicationProtocol() {
        return engine.getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return engine.getHandshakeApplicationProtocol();
    }

    @Override
    public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
        engine.setHandshakeApplicationProtocolSelector(selector);
    }

    @Override
    public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
        return engine.getHandshakeApplicationProtocolSelector();
    }
}
