package dev.wsprobe.testing;

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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A WebSocket client written frame by frame (RFC 6455), for what no client library lets a test do: split a
 * character's UTF-8 bytes across fragments, send frames a library would refuse, see the handshake's raw HTTP
 * status. Blocking, one thread; every read is bounded by {@link Await#PATIENCE}.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One frame as it came off the wire. */
    public record Frame(boolean fin, int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** For a close frame: the status code, or -1 when the frame has none. */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    /** The server's answer to the upgrade request. */
    public record Handshake(int status, Map<String, String> headers) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Handshake handshake;

    private RawWebSocket(Socket socket, Handshake handshake, InputStream in) throws IOException {
        this.socket = socket;
        // buffered, so read(Duration) can peek at the first byte with a timeout and put it back
        this.in = new DataInputStream(new java.io.BufferedInputStream(in));
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
            String key = Base64.getEncoder().encodeToString(randomBytes(16));
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(target.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(target.getHost()).append(':').append(port).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(key).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            Handshake handshake = readHandshake(in);
            if (handshake.status() == 101 && !expectedAccept(key).equals(handshake.headers().get("sec-websocket-accept"))) {
                throw new IOException("wrong Sec-WebSocket-Accept: " + handshake.headers());
            }
            return new RawWebSocket(socket, handshake, in);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public Handshake handshake() {
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
        return "GET " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(randomBytes(16)) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    /** Sends raw bytes and returns the response head (status line and headers), "" when the server closes. */
    public String request(String raw) throws IOException {
        write(raw);
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

    /** Sends raw bytes, waiting for nothing. */
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
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0x0F);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        if (masked) {
            byte[] mask = randomBytes(4);
            frame.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
        } else {
            frame.writeBytes(payload);
        }
        out.write(frame.toByteArray());
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
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        send(true, CLOSE, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
    }

    /** Reads the next frame (servers do not mask). */
    public Frame read() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            mask = new byte[4];
            in.readFully(mask);
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
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

    private static Handshake readHandshake(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection during the handshake: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return new Handshake(status, headers);
    }

    private static String expectedAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
