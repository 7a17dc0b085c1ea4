package dev.wsprobe.testing;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client endpoint that records what happens into queues and latches, so tests wait for events with a
 * timeout instead of sleeping (the pattern of Jetty's websocket tests).
 */
@ClientEndpoint
public class EventSocket {

    public final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    public final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    public final CountDownLatch opened = new CountDownLatch(1);
    public final CountDownLatch closed = new CountDownLatch(1);
    public volatile Session session;
    public volatile CloseReason closeReason;

    @OnOpen
    public void onOpen(Session newSession) {
        session = newSession;
        opened.countDown();
    }

    @OnMessage(maxMessageSize = 16 * 1024 * 1024)
    public void onText(String text) {
        texts.add(text);
    }

    @OnMessage(maxMessageSize = 16 * 1024 * 1024)
    public void onBinary(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        binaries.add(copy);
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        ByteBuffer data = pong.getApplicationData();
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        pongs.add(copy);
    }

    @OnClose
    public void onClose(CloseReason reason) {
        closeReason = reason;
        closed.countDown();
    }

    @OnError
    public void onError(Throwable error) {
        errors.add(error);
    }

    public String nextText() throws InterruptedException {
        return Await.next(texts, "a text message");
    }

    public byte[] nextBinary() throws InterruptedException {
        return Await.next(binaries, "a binary message");
    }

    public CloseReason awaitClose() throws InterruptedException {
        Await.latch(closed, "the connection to close");
        return closeReason;
    }

    public void awaitOpen() throws InterruptedException {
        Await.latch(opened, "the connection to open");
    }
}
