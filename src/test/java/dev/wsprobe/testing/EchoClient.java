package dev.wsprobe.testing;

import java.util.List;

/**
 * One client connection to an echo server, whatever the client stack: what the shared interoperability cases
 * ({@link EchoCases}) need from it. Each stack's adapter waits with {@link Await}'s patience.
 */
public interface EchoClient {
    /** The close frame the other side sent. */
    record CloseSeen(int code, String reason) {
    }

    void sendText(String text) throws Exception;

    void sendBinary(byte[] data) throws Exception;

    String nextText() throws Exception;

    byte[] nextBinary() throws Exception;

    /** One text message in several frames: the first TEXT, the rest CONTINUATION, the last with FIN. */
    void sendTextFragments(List<String> parts) throws Exception;

    void sendBinaryFragments(List<byte[]> parts) throws Exception;

    /** Sends a ping and returns the payload of the pong that answers it. */
    byte[] ping(byte[] payload) throws Exception;

    /** Starts the closing handshake with this code and reason. */
    void close(int code, String reason) throws Exception;

    /** Waits for the other side's close frame. */
    CloseSeen awaitClose() throws Exception;
}
