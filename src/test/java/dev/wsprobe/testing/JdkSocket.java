package dev.wsprobe.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The JDK's own WebSocket client ({@code java.net.http}), a stack nobody on this project wrote, recording
 * whole messages and the close into queues.
 */
public final class JdkSocket implements WebSocket.Listener {
    /** The close the server sent. */
    public record Close(int code, String reason) {
    }

    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    public final BlockingQueue<Close> closes = new LinkedBlockingQueue<>();
    public final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final StringBuilder textParts = new StringBuilder();
    private final ByteArrayOutputStream binaryParts = new ByteArrayOutputStream();
    public WebSocket webSocket;

    /** Opens a connection offering {@code subprotocols} in order (none: no offer); {@code trust} may be null for ws://. */
    public static JdkSocket connect(URI target, SSLContext trust, String... subprotocols) throws Exception {
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        if (trust != null) {
            http.sslContext(trust);
        }
        JdkSocket socket = new JdkSocket();
        WebSocket.Builder builder = http.build().newWebSocketBuilder();
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        socket.webSocket = builder.buildAsync(target, socket).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return socket;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        textParts.append(data);
        if (last) {
            texts.add(textParts.toString());
            textParts.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        binaryParts.writeBytes(chunk);
        if (last) {
            binaries.add(binaryParts.toByteArray());
            binaryParts.reset();
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining()).put(message).flip();
        pongs.add(copy);
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        closes.add(new Close(statusCode, reason));
        return CompletableFuture.completedFuture(null);
    }

    public void sendText(String text) throws Exception {
        webSocket.sendText(text, true).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    public void sendBinary(byte[] data) throws Exception {
        webSocket.sendBinary(ByteBuffer.wrap(data), true).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    public String nextText() throws InterruptedException {
        return Await.next(texts, "a text message");
    }

    public byte[] nextBinary() throws InterruptedException {
        return Await.next(binaries, "a binary message");
    }

    public Close nextClose() throws InterruptedException {
        return Await.next(closes, "the server's close");
    }

    /**
     * Sends a ping and waits for its pong. A peer answers frames in the order they came, so whatever it sent
     * in answer to the messages before the ping has arrived by then: a "nothing else arrived" check made after
     * this does not look too early.
     */
    public void pingAndAwaitPong() throws Exception {
        byte[] marker = ("marker " + System.nanoTime()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        webSocket.sendPing(ByteBuffer.wrap(marker)).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        while (true) {
            ByteBuffer pong = Await.next(pongs, "the pong to our ping");
            if (pong.equals(ByteBuffer.wrap(marker))) {
                return;
            }
        }
    }

    /** Closes normally and waits for the server's answering close frame. */
    public Close closeNormally() throws Exception {
        webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        return nextClose();
    }
}
