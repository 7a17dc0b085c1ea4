package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

/**
 * A WebSocket client made of a socket and RFC 6455 by hand, for what no well-behaved client does: frames
 * with any bits, masks and lengths, and no automatic pong. Plain ws:// only.
 */
public final class RawWebSocketClient implements AutoCloseable {
    /** A frame as the server sent it. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Random random = new Random();

    private RawWebSocketClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the upgrade (asserting 101). */
    public static RawWebSocketClient connect(URI target) throws IOException {
        RawWebSocketClient client = new RawWebSocketClient(new Socket(target.getHost(), target.getPort()));
        String key = Base64.getEncoder().encodeToString(new byte[16]);
        String status = client.request("GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":"
                + target.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
        assertTrue(status.startsWith("HTTP/1.1 101"), "upgrade refused: " + status);
        return client;
    }

    /** Connects without any request, e.g. to send a broken handshake with {@link #request}. */
    public static RawWebSocketClient open(URI target) throws IOException {
        return new RawWebSocketClient(new Socket(target.getHost(), target.getPort()));
    }

    /** The same from a chosen local address (any 127.x.y.z works on Linux loopback). */
    public static RawWebSocketClient openFrom(URI target, java.net.InetAddress local) throws IOException {
        return new RawWebSocketClient(new Socket(java.net.InetAddress.getByName(target.getHost()), target.getPort(),
                local, 0));
    }

    /** An upgrade request for {@code path}, ready for {@link #request}. */
    public static String upgradeRequest(URI target) {
        return "GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(new byte[16]) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Sends raw bytes without waiting for anything. */
    public void write(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** True when the server closes the connection within {@code patience} (reads until end of stream). */
    public boolean closedByServerWithin(Duration patience) throws IOException {
        socket.setSoTimeout((int) patience.toMillis());
        try {
            while (in.read() >= 0) {
                // discard anything before the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Sends raw bytes and returns the response head (status line and headers), or "" when the server closes. */
    public String request(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        socket.setSoTimeout((int) Await.PATIENCE.toMillis());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** A final, masked frame: what a well-behaved client sends. */
    public void send(int opcode, byte[] payload) throws IOException {
        sendFrame(true, 0, opcode, true, payload);
    }

    public void sendFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0x0F);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = new byte[4];
            random.nextBytes(mask);
            frame.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.writeBytes(body);
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next frame, or null when none comes within {@code patience}; EOF ends in an exception. */
    public Frame read(Duration patience) throws IOException {
        socket.setSoTimeout((int) patience.toMillis());
        int first;
        try {
            first = in.readUnsignedByte();
        } catch (SocketTimeoutException e) {
            return null;
        }
        socket.setSoTimeout((int) Await.PATIENCE.toMillis());
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** Reads frames until a close frame; fails the test when none comes in time. */
    public Frame awaitClose() throws IOException {
        long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Frame frame = read(Await.PATIENCE);
                if (frame != null && frame.opcode() == CLOSE) {
                    return frame;
                }
            } catch (EOFException e) {
                throw new AssertionError("the server dropped the connection without a close frame", e);
            }
        }
        throw new AssertionError("no close frame within " + Await.PATIENCE.toSeconds() + " s");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
