package dev.wsprobe.testing;

import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Upgrade;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client written frame by frame (RFC 6455, through {@link dev.wsprobe.wire}), for what no client
 * library lets a test do: split a character's UTF-8 bytes across fragments, send frames a library would refuse,
 * see the handshake's raw HTTP status. Blocking, one thread; every read is bounded by {@link Await#PATIENCE}.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = Frame.CONTINUATION, TEXT = Frame.TEXT, BINARY = Frame.BINARY,
            CLOSE = Frame.CLOSE, PING = Frame.PING, PONG = Frame.PONG;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final HttpHead handshake;

    private RawWebSocket(Socket socket, HttpHead handshake, InputStream in) throws IOException {
        this.socket = socket;
        // buffered, so read(Duration) can peek at the first byte with a timeout and put it back
        this.in = new DataInputStream(new BufferedInputStream(in));
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /**
     * Opens a TCP (or TLS, for wss) connection and sends the upgrade request; the result holds whatever status
     * the server answered (check {@link #handshake()} before sending frames).
     *
     * @param tls     trust for wss:// (host names checked), null for ws://
     * @param headers extra request headers, e.g. Origin
     */
    public static RawWebSocket connect(URI target, SSLContext tls, Map<String, String> headers) throws IOException {
        int port = target.getPort();
        Socket socket;
        if ("wss".equals(target.getScheme())) {
            SSLSocket tlsSocket = (SSLSocket) tls.getSocketFactory().createSocket(target.getHost(), port);
            SSLParameters parameters = tlsSocket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tlsSocket.setSSLParameters(parameters);
            socket = tlsSocket;
        } else {
            socket = new Socket(target.getHost(), port);
        }
        socket.setSoTimeout((int) Await.PATIENCE.toMillis());
        socket.setTcpNoDelay(true);
        try {
            String key = Upgrade.newKey();
            String pathAndQuery = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            String request = Upgrade.request(pathAndQuery, target.getHost() + ":" + port, key, headers);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            HttpHead handshake = HttpHead.read(in);
            if (handshake.status() == 101 && !Upgrade.accepted(key, handshake)) {
                throw new IOException("wrong Sec-WebSocket-Accept: " + handshake.headers());
            }
            return new RawWebSocket(socket, handshake, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The server's answer to the upgrade request. */
    public HttpHead handshake() {
        return handshake;
    }

    /** Connects and completes the upgrade, failing the test unless the server answers 101. */
    public static RawWebSocket upgraded(URI target) throws IOException {
        RawWebSocket socket = connect(target, null, Map.of());
        if (socket.handshake().status() != 101) {
            socket.close();
            throw new AssertionError("upgrade refused with HTTP " + socket.handshake().status());
        }
        return socket;
    }

    /** A plain TCP connection with nothing sent yet, for broken handshakes ({@link #request}). */
    public static RawWebSocket open(URI target) throws IOException {
        return openFrom(target, null);
    }

    /** The same from a chosen local address (any 127.x.y.z works on Linux loopback); null = any. */
    public static RawWebSocket openFrom(URI target, InetAddress local) throws IOException {
        Socket socket = new Socket(InetAddress.getByName(target.getHost()), target.getPort(), local, 0);
        return new RawWebSocket(socket, null, socket.getInputStream());
    }

    /** A well-formed upgrade request for {@code target}'s path, for {@link #request}. */
    public static String upgradeRequest(URI target) {
        return Upgrade.request(target.getRawPath(), target.getHost() + ":" + target.getPort(), Upgrade.newKey(),
                Map.of());
    }

    /** Sends raw bytes and returns the response head (status line and headers), "" when the server closes. */
    public String request(String raw) throws IOException {
        write(raw);
        return new String(HttpHead.readRaw(in), StandardCharsets.ISO_8859_1);
    }

    /** Sends raw bytes, waiting for nothing. */
    /** Sends raw bytes: part of a frame, several frames, anything. */
    public void writeBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

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

    /** Sends one final frame, masked as a client must. */
    public void send(int opcode, byte[] payload) throws IOException {
        send(true, opcode, payload);
    }

    /** Sends one frame, masked as a client must. */
    public void send(boolean fin, int opcode, byte[] payload) throws IOException {
        sendFrame(fin, 0, opcode, true, payload);
    }

    /** Sends one frame exactly as described, rule-breaking ones included (reserved bits, no mask). */
    public void sendFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] payload) throws IOException {
        out.write(Frames.encode(fin, rsv, opcode, masked ? Frames.newMask() : null, payload));
        out.flush();
    }

    /** The next frame, or null when none starts within {@code patience}. */
    public Frame read(Duration patience) throws IOException {
        socket.setSoTimeout((int) patience.toMillis());
        try {
            in.mark(1);
            int first = in.read();
            if (first < 0) {
                throw new EOFException("the server closed the connection");
            }
            in.reset();
        } catch (SocketTimeoutException e) {
            return null;
        } finally {
            socket.setSoTimeout((int) Await.PATIENCE.toMillis());
        }
        return read();
    }

    /** Reads frames until a close frame; fails the test when none comes in time or the connection just drops. */
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

    public void sendClose(int code, String reason) throws IOException {
        send(true, CLOSE, Frame.closePayload(code, reason));
    }

    /** A frame with its RSV1 bit (permessage-deflate's "compressed"), which {@link Frame} does not keep. */
    public record Received(boolean rsv1, Frame frame) {
    }

    /** Reads the next frame and whether its RSV1 bit is set. */
    public Received readWithRsv1() throws IOException {
        in.mark(1);
        int first = in.read();
        if (first < 0) {
            throw new EOFException("the server closed the connection");
        }
        in.reset();
        return new Received((first & 0x40) != 0, read());
    }

    /** Reads the next frame (servers do not mask). */
    public Frame read() throws IOException {
        return Frames.read(in, Integer.MAX_VALUE);
    }

    /** Reads frames until a whole data message has arrived, answering nothing; returns its first frame's opcode and all bytes. */
    public Frame readMessage() throws IOException {
        Frame first = read();
        if (first.opcode() >= CLOSE || first.fin()) {
            return first;
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(first.payload());
        Frame next;
        do {
            next = read();
            message.writeBytes(next.payload());
        } while (!next.fin());
        return new Frame(true, first.opcode(), message.toByteArray());
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

}
