package dev.wsprobe.testing;

import com.sun.net.httpserver.HttpServer;
import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Upgrade;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
                    acceptUpgrade(socket);
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

    /** Completes the WebSocket upgrade, then never says another word (no echo, no pong, no close). */
    public static Peer upgradeThenSilence() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        List<Socket> held = new CopyOnWriteArrayList<>();
        Thread acceptor = daemon(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    held.add(socket);
                    acceptUpgrade(socket);
                } catch (IOException e) {
                    // closed, or a client that left: next connection
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

    /**
     * A receiver that loses everything: completes the upgrade, reads {@code messages} frames without
     * acknowledging any, then leaves with 1001 (going away) and stops listening, freeing its port.
     */
    public static Peer swallowThenLeave(int messages) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = daemon(() -> {
            try (server; Socket socket = server.accept()) {
                acceptUpgrade(socket);
                for (int i = 0; i < messages; i++) {
                    Frames.read(socket.getInputStream(), Integer.MAX_VALUE); // dropped
                }
                Frames.write(socket.getOutputStream(), Frame.of(Frame.CLOSE, Frame.closePayload(1001, "")), false);
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

    /** Reads a client's upgrade request and answers 101 with the right accept hash. */
    private static void acceptUpgrade(Socket socket) throws IOException {
        String key = HttpHead.read(socket.getInputStream()).header("Sec-WebSocket-Key");
        if (key == null) {
            throw new IOException("not a WebSocket upgrade");
        }
        socket.getOutputStream().write(Upgrade.switchingProtocols(key).getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    private static Thread daemon(Runnable body) {
        Thread thread = new Thread(body, "fake-peer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
