package dev.wsprobe.testing;

import jakarta.websocket.CloseReason;
import java.nio.ByteBuffer;
import java.util.List;

/** {@link EchoClient} over wsprobe's own client stack (Tyrus), through a connected {@link EventSocket}. */
public final class TyrusEchoClient implements EchoClient {
    private final EventSocket socket;

    public TyrusEchoClient(EventSocket socket) {
        this.socket = socket;
    }

    @Override
    public void sendText(String text) throws Exception {
        socket.session.getBasicRemote().sendText(text);
    }

    @Override
    public void sendBinary(byte[] data) throws Exception {
        socket.session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
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
            socket.session.getBasicRemote().sendText(parts.get(i), i == parts.size() - 1);
        }
    }

    @Override
    public void sendBinaryFragments(List<byte[]> parts) throws Exception {
        for (int i = 0; i < parts.size(); i++) {
            socket.session.getBasicRemote().sendBinary(ByteBuffer.wrap(parts.get(i)), i == parts.size() - 1);
        }
    }

    @Override
    public byte[] ping(byte[] payload) throws Exception {
        socket.session.getBasicRemote().sendPing(ByteBuffer.wrap(payload));
        return Await.next(socket.pongs, "the pong");
    }

    @Override
    public void close(int code, String reason) throws Exception {
        socket.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
    }

    @Override
    public CloseSeen awaitClose() throws InterruptedException {
        CloseReason reason = socket.awaitClose();
        return new CloseSeen(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }
}
