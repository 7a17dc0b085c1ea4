package dev.wsprobe.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * {@link EchoClient} over Jetty 12's WebSocket client (its own API, not Jakarta). Owns its client: close it.
 * For wss it trusts the given context and checks host names (Jetty's client default).
 */
public final class JettyEchoClient implements EchoClient, AutoCloseable, Session.Listener.AutoDemanding {
    private static final long LARGE = 1024 * 1024;

    private final WebSocketClient client;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    private final BlockingQueue<CloseSeen> closes = new LinkedBlockingQueue<>();
    private Session session;

    private JettyEchoClient(SSLContext trust) throws Exception {
        ClientConnector connector = new ClientConnector();
        if (trust != null) {
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setSslContext(trust);
            tls.setEndpointIdentificationAlgorithm("HTTPS");
            connector.setSslContextFactory(tls);
        }
        client = new WebSocketClient(new HttpClient(new HttpClientTransportOverHTTP(connector)));
        // large enough that the cases test the wire, not this client's limits (Jetty's default is 64 KiB)
        client.setMaxTextMessageSize(LARGE);
        client.setMaxBinaryMessageSize(LARGE);
        client.start();
    }

    /** Connects; {@code trust} is null for ws://. */
    public static JettyEchoClient connect(URI target, SSLContext trust) throws Exception {
        return connect(target, trust, new ClientUpgradeRequest());
    }

    /** Connects offering {@code subprotocols} in order, and permessage-deflate (Jetty's client offers none unasked). */
    public static JettyEchoClient connectNegotiating(URI target, SSLContext trust, List<String> subprotocols)
            throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols(subprotocols);
        request.addExtensions("permessage-deflate");
        return connect(target, trust, request);
    }

    private static JettyEchoClient connect(URI target, SSLContext trust, ClientUpgradeRequest request)
            throws Exception {
        JettyEchoClient echo = new JettyEchoClient(trust);
        try {
            CompletableFuture<Session> connected = echo.client.connect(echo, target, request);
            echo.session = connected.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
            return echo;
        } catch (Exception e) {
            echo.close();
            throw e;
        }
    }

    /** The subprotocol Jetty accepted from the server's answer, null for none. */
    public String subprotocol() {
        return session.getUpgradeResponse().getAcceptedSubProtocol();
    }

    /** The extensions' names as Jetty read them from the server's answer. */
    public List<String> extensions() {
        return session.getUpgradeResponse().getExtensions().stream().map(extension -> extension.getName()).toList();
    }

    @Override
    public void onWebSocketText(String message) {
        texts.add(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] copy = new byte[payload.remaining()];
        payload.get(copy);
        binaries.add(copy);
        callback.succeed();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        byte[] copy = new byte[payload.remaining()];
        payload.get(copy);
        pongs.add(copy);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closes.add(new CloseSeen(statusCode, reason));
    }

    @Override
    public void sendText(String text) throws Exception {
        await(callback -> session.sendText(text, callback));
    }

    @Override
    public void sendBinary(byte[] data) throws Exception {
        await(callback -> session.sendBinary(ByteBuffer.wrap(data), callback));
    }

    @Override
    public String nextText() throws InterruptedException {
        return Await.next(texts, "a text message");
    }

    @Override
    public byte[] nextBinary() throws InterruptedException {
        return Await.next(binaries, "a binary message");
    }

    @Override
    public void sendTextFragments(List<String> parts) throws Exception {
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            String part = parts.get(i);
            await(callback -> session.sendPartialText(part, last, callback));
        }
    }

    @Override
    public void sendBinaryFragments(List<byte[]> parts) throws Exception {
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            byte[] part = parts.get(i);
            await(callback -> session.sendPartialBinary(ByteBuffer.wrap(part), last, callback));
        }
    }

    @Override
    public byte[] ping(byte[] payload) throws Exception {
        await(callback -> session.sendPing(ByteBuffer.wrap(payload), callback));
        return Await.next(pongs, "the pong");
    }

    /**
     * Starts the close handshake. Under load, Jetty's close callback was seen failing with a
     * ClosedChannelException after the server had logged the client's close and answered it: the server may drop
     * TCP right after its answer (RFC 6455 section 7.1.1), and Jetty then reports the closed channel to a callback
     * it had not completed yet. The caller checks the server's answer with {@link #awaitClose()}.
     */
    @Override
    public void close(int code, String reason) throws Exception {
        try {
            await(callback -> session.close(code, reason, callback));
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof java.nio.channels.ClosedChannelException)) {
                throw e;
            }
        }
    }

    @Override
    public CloseSeen awaitClose() throws InterruptedException {
        return Await.next(closes, "the server's close");
    }

    @Override
    public void close() throws Exception {
        client.stop();
    }

    private interface Send {
        void start(Callback callback);
    }

    private static void await(Send send) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        send.start(Callback.from(() -> done.complete(null), done::completeExceptionally));
        done.get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }
}
