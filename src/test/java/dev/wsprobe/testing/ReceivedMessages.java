package dev.wsprobe.testing;

import dev.wsprobe.server.EndpointStats;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** What a server endpoint received, observed through its statistics; close it to stop observing. */
public final class ReceivedMessages implements EndpointStats.MessageObserver, AutoCloseable {
    /** One message as the server saw it. */
    public record Message(String sessionId, boolean binary, int sizeBytes) {
    }

    public final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    private final EndpointStats endpoint;

    public ReceivedMessages(EndpointStats endpoint) {
        this.endpoint = endpoint;
        endpoint.addObserver(this);
    }

    @Override
    public void received(String sessionId, boolean binary, int sizeBytes) {
        messages.add(new Message(sessionId, binary, sizeBytes));
    }

    public Message next() throws InterruptedException {
        return Await.next(messages, "the server to receive a message");
    }

    @Override
    public void close() {
        endpoint.removeObserver(this);
    }
}
