package dev.wsprobe.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Misbehaving peers on loopback, made in the test, to provoke each failure a client can meet. */
public final class FakePeers {
    private FakePeers() {
    }

    /** A port nothing listens on (bound, noted, released). */
    public static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Accepts TCP connections and never says a word: a hung server, or the wrong kind of port. */
    public static Peer silentTcp() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = daemon(() -> {
            while (!server.isClosed()) {
                try {
                    held.add(server.accept());
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new Peer(server.getLocalPort(), () -> {
            server.close();
            for (Socket socket : held) {
                socket.close();
            }
            acceptor.join(2000);
        });
    }

    /** A plain HTTP server answering 200 to every request: a web server, not a WebSocket endpoint. */
    public static Peer plainHttp() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "<html>just a web page</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return new Peer(server.getAddress().getPort(), () -> server.stop(0));
    }

    /** Completes the WebSocket upgrade, then drops the TCP connection without a close frame. */
    public static Peer upgradeThenDrop() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = daemon(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    String key = secWebSocketKey(socket.getInputStream());
                    socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept(key) + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    socket.setSoLinger(true, 0); // close with a reset: as abrupt as a crash or a cut cable
                } catch (IOException e) {
                    // next connection
                }
            }
        });
        return new Peer(server.getLocalPort(), () -> {
            server.close();
            acceptor.join(2000);
        });
    }

    /**
     * A receiver that loses everything: completes the upgrade, reads {@code messages} frames without
     * acknowledging any, then leaves with 1001 (going away) and stops listening, freeing its port.
     */
    public static Peer swallowThenLeave(int messages) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = daemon(() -> {
            try (server; Socket socket = server.accept()) {
                String key = secWebSocketKey(socket.getInputStream());
                socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept(key) + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                java.io.DataInputStream in = new java.io.DataInputStream(socket.getInputStream());
                for (int i = 0; i < messages; i++) {
                    in.readUnsignedByte();
                    int length = in.readUnsignedByte() & 0x7F;
                    if (length == 126) {
                        length = in.readUnsignedShort();
                    }
                    in.readFully(new byte[4 + length]); // mask and payload, dropped
                }
                socket.getOutputStream().write(new byte[] {(byte) 0x88, 0x02, 0x03, (byte) 0xE9}); // close 1001
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // the test sees what the client did
            }
        });
        return new Peer(server.getLocalPort(), () -> {
            server.close();
            acceptor.join(2000);
        });
    }

    /** A running fake; closing it stops it. */
    public record Peer(int port, Stopper stopper) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stopper.stop();
        }
    }

    /** How a fake stops. */
    @FunctionalInterface
    public interface Stopper {
        void stop() throws Exception;
    }

    private static String secWebSocketKey(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client left before the end of its request");
            }
            head.write(b);
        }
        Matcher key = Pattern.compile("(?im)^Sec-WebSocket-Key:\\s*(\\S+)").matcher(head.toString(StandardCharsets.ISO_8859_1));
        if (!key.find()) {
            throw new IOException("not a WebSocket upgrade");
        }
        return key.group(1);
    }

    private static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(
                    (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "fake-peer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
