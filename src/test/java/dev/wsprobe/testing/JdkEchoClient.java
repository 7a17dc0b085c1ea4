package dev.wsprobe.testing;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@link EchoClient} over the JDK's java.net.http WebSocket ({@link JdkSocket}). */
public final class JdkEchoClient implements EchoClient {
    private final JdkSocket socket;

    public JdkEchoClient(JdkSocket socket) {
        this.socket = socket;
    }

    @Override
    public void sendText(String text) throws Exception {
        socket.sendText(text);
    }

    @Override
    public void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(data);
    }

    @Override
    public String nextText() throws InterruptedException {
        return socket.nextText();
    }

    @Override
    public byte[] nextBinary() throws InterruptedException {
        return socket.nextBinary();
    }

    @Override
    public void sendTextFragments(List<String> parts) throws Exception {
        for (int i = 0; i < parts.size(); i++) {
            socket.webSocket.sendText(parts.get(i), i == parts.size() - 1).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public void sendBinaryFragments(List<byte[]> parts) throws Exception {
        for (int i = 0; i < parts.size(); i++) {
            socket.webSocket.sendBinary(ByteBuffer.wrap(parts.get(i)), i == parts.size() - 1)
                    .get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Override
    public byte[] ping(byte[] payload) throws Exception {
        socket.webSocket.sendPing(ByteBuffer.wrap(payload)).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        ByteBuffer pong = Await.next(socket.pongs, "the pong");
        byte[] bytes = new byte[pong.remaining()];
        pong.get(bytes);
        return bytes;
    }

    @Override
    public void close(int code, String reason) throws Exception {
        socket.webSocket.sendClose(code, reason).get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public CloseSeen awaitClose() throws InterruptedException {
        JdkSocket.Close close = socket.nextClose();
        return new CloseSeen(close.code(), close.reason());
    }
}
