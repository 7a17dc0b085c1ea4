import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * The physical limit the benchmark compares against: the same exchange as `wsprobe load --rate max` against an
 * echo endpoint (N connections, a window of messages in flight on each, every message answered), with
 * fixed-size records of the WebSocket frames' size over plain loopback TCP and no WebSocket, HTTP or JSON in
 * between. Plain blocking sockets, a reader and a writer thread per connection on each side.
 *
 *   java bench/RawTcpReference.java server PORT
 *   java bench/RawTcpReference.java client PORT CONNECTIONS IN_FLIGHT SECONDS FRAME_BYTES
 *
 * The client prints one JSON object: {"connections":..,"inFlight":..,"throughput":<answered messages/s>}.
 */
public final class RawTcpReference {
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("server")) {
            serve(Integer.parseInt(args[1]));
        } else if (args.length == 6 && args[0].equals("client")) {
            drive(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
        } else {
            System.err.println("usage: server PORT | client PORT CONNECTIONS IN_FLIGHT SECONDS FRAME_BYTES");
            System.exit(2);
        }
    }

    /** Echoes every byte back; the client's records come back as they went. */
    private static void serve(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + port);
            System.out.flush();
            while (true) {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                Thread echo = new Thread(() -> {
                    byte[] buffer = new byte[64 * 1024];
                    try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                            out.write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the client went away
                    }
                });
                echo.setDaemon(true);
                echo.start();
            }
        }
    }

    private static void drive(int port, int connections, int inFlight, int seconds, int frameBytes) throws Exception {
        LongAdder answered = new LongAdder();
        List<Socket> sockets = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            sockets.add(socket);
            Semaphore window = new Semaphore(inFlight);
            byte[] frame = new byte[frameBytes];
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    while (System.nanoTime() < end) {
                        window.acquire();
                        out.write(frame);
                    }
                } catch (IOException | InterruptedException e) {
                    // closed at the end
                }
            });
            Thread reader = new Thread(() -> {
                try {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    byte[] record = new byte[frameBytes];
                    while (true) {
                        in.readFully(record);
                        answered.increment();
                        window.release();
                    }
                } catch (IOException e) {
                    // closed at the end
                }
            });
            writer.setDaemon(true);
            reader.setDaemon(true);
            threads.add(writer);
            threads.add(reader);
        }
        threads.forEach(Thread::start);
        // measure after a one-second warm-up, like the load's warm-up
        Thread.sleep(1000);
        long before = answered.sum();
        long measureStart = System.nanoTime();
        Thread.sleep(Math.max(1, seconds - 1) * 1000L);
        double elapsed = (System.nanoTime() - measureStart) / 1e9;
        long messages = answered.sum() - before;
        for (Socket socket : sockets) {
            socket.close();
        }
        System.out.printf(java.util.Locale.ROOT, "{\"connections\":%d,\"inFlight\":%d,\"frameBytes\":%d,"
                + "\"measuredSeconds\":%.3f,\"throughput\":%.1f}%n", connections, inFlight, frameBytes, elapsed,
                messages / elapsed);
    }
}
