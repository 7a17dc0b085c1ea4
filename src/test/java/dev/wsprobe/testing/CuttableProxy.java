package dev.wsprobe.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback that can be cut like a network cable: after {@link #cut()} bytes are swallowed in
 * both directions and new connections are accepted and ignored, but no socket is closed, so neither side
 * learns anything from TCP. What a peer behind a dead NAT or a pulled cable looks like.
 */
public final class CuttableProxy implements AutoCloseable {
    /** Sees the bytes of one connection's direction before they are forwarded. */
    public interface Observer {
        /** A new connection: what sees its client's bytes, and what sees its server's. */
        Stream open();

        interface Stream {
            void bytes(boolean fromClient, byte[] buffer, int length);
        }
    }

    private final ServerSocket listener;
    private final int targetPort;
    private final Observer observer;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    public CuttableProxy(int targetPort) throws IOException {
        this(targetPort, () -> (fromClient, buffer, length) -> { });
    }

    /** A relay whose {@code observer} sees each connection's bytes both ways (from the relay's threads). */
    public CuttableProxy(int targetPort, Observer observer) throws IOException {
        this.targetPort = targetPort;
        this.observer = observer;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::accept);
    }

    public int port() {
        return listener.getLocalPort();
    }

    public void cut() {
        cut = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                if (cut) {
                    continue; // held open, never answered
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(server);
                Observer.Stream stream = observer.open();
                daemon(() -> pump(client, server, stream, true));
                daemon(() -> pump(server, client, stream, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, Observer.Stream stream, boolean fromClient) {
        byte[] buffer = new byte[8192];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                if (!cut) {
                    stream.bytes(fromClient, buffer, read);
                    out.write(buffer, 0, read);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed: the relay ends
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    private static void daemon(Runnable body) {
        Thread thread = new Thread(body, "cuttable-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
