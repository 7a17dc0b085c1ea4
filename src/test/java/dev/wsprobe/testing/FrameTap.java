package dev.wsprobe.testing;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/**
 * A relay on loopback in front of a ws:// server that reads the frames passing through both ways (it cannot see
 * into TLS): what is on the wire, whatever either side reports. After each side's HTTP upgrade it parses frame
 * headers and records every data message's first frame with its RSV1 bit, which permessage-deflate sets on a
 * compressed message (RFC 7692 section 6). One connection at a time is what the tests need: a second one's
 * frames would be recorded in between.
 */
public final class FrameTap implements AutoCloseable {
    /** At most this many messages are recorded; more is a test that forgot what it came for. */
    private static final int LIMIT = 10_000;

    /** One data message's first frame: text (1) or binary (2), which side sent it, and its RSV1 bit. */
    public record Message(boolean fromClient, int opcode, boolean rsv1) {
    }

    private final CuttableProxy relay;
    /** Guarded by itself. */
    private final List<Message> messages = new ArrayList<>();

    public FrameTap(int serverPort) throws IOException {
        relay = new CuttableProxy(serverPort, () -> {
            Parser client = new Parser(true);
            Parser server = new Parser(false);
            return (fromClient, buffer, length) -> (fromClient ? client : server).feed(buffer, length);
        });
    }

    /** The port to connect to instead of the server's. */
    public int port() {
        return relay.port();
    }

    /** The server's /echo through this tap. */
    public URI echo() {
        return URI.create("ws://127.0.0.1:" + port() + "/echo");
    }

    /** The data messages seen so far, in the order their first frames passed. */
    public List<Message> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    /**
     * Asserts that {@code eachWay} data messages went each way since the tap started, every one compressed
     * (RSV1 on its first frame).
     */
    public void assertCompressedBothWays(int eachWay) {
        List<Message> seen = messages();
        for (boolean fromClient : new boolean[] {true, false}) {
            List<Message> sent = seen.stream().filter(message -> message.fromClient() == fromClient).toList();
            String side = fromClient ? "client" : "server";
            Assertions.assertEquals(eachWay, sent.size(), "data messages the " + side + " sent: " + seen);
            Assertions.assertTrue(sent.stream().allMatch(Message::rsv1), "each compressed (RSV1) by the " + side
                    + ": " + seen);
        }
    }

    private void record(Message message) {
        synchronized (messages) {
            if (messages.size() == LIMIT) {
                throw new IllegalStateException("more than " + LIMIT + " messages through the tap");
            }
            messages.add(message);
        }
    }

    @Override
    public void close() throws IOException {
        relay.close();
    }

    /** One direction of one connection: the HTTP head up to its empty line, then frame header, payload, ... */
    private final class Parser {
        private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
        private final boolean fromClient;
        private int headEndMatched;
        private final byte[] header = new byte[14];
        private int headerLength;
        private long payloadLeft;
        /** Whether the frames so far end a message: the next data frame is a message's first. */
        private boolean messageEnded = true;

        Parser(boolean fromClient) {
            this.fromClient = fromClient;
        }

        void feed(byte[] buffer, int length) {
            int i = 0;
            while (i < length) {
                if (headEndMatched < HEAD_END.length) {
                    byte b = buffer[i++];
                    headEndMatched = b == HEAD_END[headEndMatched] ? headEndMatched + 1 : b == '\r' ? 1 : 0;
                } else if (payloadLeft > 0) {
                    int skipped = (int) Math.min(payloadLeft, length - i);
                    i += skipped;
                    payloadLeft -= skipped;
                } else {
                    header[headerLength++] = buffer[i++];
                    if (headerLength == headerSize()) {
                        frame();
                    }
                }
            }
        }

        private int headerSize() {
            if (headerLength < 2) {
                return 2;
            }
            int length7 = header[1] & 0x7F;
            return 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
        }

        private void frame() {
            boolean fin = (header[0] & 0x80) != 0;
            int opcode = header[0] & 0x0F;
            int length7 = header[1] & 0x7F;
            long length = length7;
            if (length7 >= 126) {
                length = 0;
                for (int k = 2; k < (length7 == 126 ? 4 : 10); k++) {
                    length = length << 8 | (header[k] & 0xFF);
                }
            }
            if (opcode < 8) { // data or continuation; control frames may come between a message's fragments
                if (messageEnded && opcode != 0) {
                    record(new Message(fromClient, opcode, (header[0] & 0x40) != 0));
                }
                messageEnded = fin;
            }
            payloadLeft = length;
            headerLength = 0;
        }
    }
}
