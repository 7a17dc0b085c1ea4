package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wsprobe.server.EndpointStats;
import dev.wsprobe.server.MessageJournal;
import dev.wsprobe.server.ReceivedMessage;

/**
 * What a server endpoint received from now on, read from its {@link MessageJournal}; close it to stop
 * reading. {@link #messages} is the journal reader itself: {@code clear()} skips what arrived so far,
 * {@code isEmpty()} says whether anything is waiting.
 */
public final class ReceivedMessages implements AutoCloseable {
    /** One message as the server saw it. */
    public record Message(String sessionId, boolean binary, int sizeBytes) {
    }

    public final MessageJournal.Reader messages;
    private final String path;

    public ReceivedMessages(EndpointStats endpoint) {
        this.messages = endpoint.journal().open();
        this.path = endpoint.path();
    }

    public Message next() throws InterruptedException {
        ReceivedMessage message = messages.next(Await.PATIENCE);
        if (message == null) {
            fail("waited " + Await.PATIENCE.toSeconds() + " s for " + path + " to receive a message, nothing came");
        }
        return new Message(message.sessionId(), message.isBinary(), message.sizeBytes());
    }

    @Override
    public void close() {
        messages.close();
    }
}
