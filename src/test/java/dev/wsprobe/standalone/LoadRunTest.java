package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.TyrusLoadConnector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.load.LoadOptions;
import dev.wsprobe.load.LoadResult;
import dev.wsprobe.load.LoadRun;
import dev.wsprobe.load.ReceiverStatus;
import dev.wsprobe.load.SourceAddresses;
import dev.wsprobe.server.EndpointStats;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.LogCapture;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Small, bounded loads (a few dozen connections, a few seconds) against a real server; counts, not timings. */
class LoadRunTest {
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);

    private LoadResult run(LoadOptions options, List<InetAddress> sources, List<String> liveLines)
            throws Exception {
        URI target = options.target();
        ReceiverStatus status = options.echo() ? null : new ReceiverStatus(target, null, null);
        try (TyrusLoadConnector connector = new TyrusLoadConnector(
                target.getScheme().equals("wss") ? server.clientTls() : null, options.handshakeTimeout())) {
            return new LoadRun(options, connector, sources, status, liveLines::add).run();
        }
    }

    private static LoadOptions paced(URI target, int connections) {
        return LoadOptions.of(target).withConnections(connections).withRamp(200).withRate(5, 1)
                .withTiming(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Test
    void twentyEchoConnectionsGetEveryMessageBackWithSaneRoundTrips() throws Exception {
        List<String> live = new CopyOnWriteArrayList<>();
        LoadResult result = run(paced(server.ws("/echo"), 20), Collections.singletonList(null), live);

        assertEquals(20, result.whole().connected(), "every connection opened");
        assertEquals(0, result.errors(), "no errors; first: " + result.firstError());
        assertTrue(result.whole().sent() >= 20 * 5, "about 5 a second each for 2 s and more: " + result.whole().sent());
        assertEquals(result.whole().sent(), result.whole().received(), "every message came back");
        assertEquals(0, result.missing());
        long measured = result.latency().getTotalCount();
        assertTrue(measured > 0 && measured <= result.whole().received(), "round trips measured: " + measured);
        double p50 = result.latencyMillis(50);
        double p99 = result.latencyMillis(99);
        assertTrue(p50 > 0 && p50 <= result.latencyMillis(90) && result.latencyMillis(90) <= p99
                && p99 <= result.latencyMillis(99.9) && result.latencyMillis(99.9) <= result.maxLatencyMillis(),
                "percentiles in order: " + dev.wsprobe.load.LoadReport.text(result));
        assertTrue(result.maxLatencyMillis() < 2_000 + 5_000, "no round trip longer than the run and its drain");
        assertTrue(result.throughput() > 0, "throughput " + result.throughput());
        assertTrue(live.stream().anyMatch(line -> line.matches("\\d+s (connecting|measuring): \\d+/20 open, 0 failed, "
                + "\\d+ msg/s.*")), "live lines: " + live);
    }

    @Test
    void theReceiverCountsWhatTheLoadSent() throws Exception {
        EndpointStats.Snapshot before = server.context().receiver().snapshot();
        LoadResult result = run(paced(server.ws("/receive"), 10), Collections.singletonList(null), new CopyOnWriteArrayList<>());

        assertEquals(10, result.whole().connected());
        assertEquals(0, result.errors(), "first error: " + result.firstError());
        assertTrue(result.whole().sent() >= 10 * 5, "sent: " + result.whole().sent());
        Await.until(() -> server.context().receiver().snapshot().messagesReceived() - before.messagesReceived()
                >= result.whole().sent(), "the receiver to count " + result.whole().sent() + " messages");
        long counted = server.context().receiver().snapshot().messagesReceived() - before.messagesReceived();
        assertEquals(result.whole().sent(), counted, "the receiver counted every message the load sent, no more");
        assertEquals(counted, result.receiverCounted(), "the load read the same count from /status");
        assertTrue(result.throughput() > 0, "throughput from the server's count: " + result.throughput());
        assertEquals(0, result.latency().getTotalCount(), "a receiver answers nothing: no round trips");
    }

    @Test
    void pipelinedConnectionsKeepTheirWindowFullAndLoseNothing() throws Exception {
        LoadOptions options = LoadOptions.of(server.ws("/echo")).withConnections(2).withRate(0, 8)
                .withTiming(Duration.ofMillis(300), Duration.ofSeconds(1));
        LoadResult result = run(options, Collections.singletonList(null), new CopyOnWriteArrayList<>());

        assertEquals(0, result.errors(), "first error: " + result.firstError());
        assertTrue(result.whole().sent() > 2 * 8, "more than the first windows went out: " + result.whole().sent());
        assertEquals(result.whole().sent(), result.whole().received());
        assertTrue(result.throughput() > 0);
    }

    @Test
    void overTlsToo() throws Exception {
        LoadResult result = run(paced(server.wss("/echo"), 5), Collections.singletonList(null), new CopyOnWriteArrayList<>());
        assertEquals(5, result.whole().connected());
        assertEquals(0, result.errors(), "first error: " + result.firstError());
        assertEquals(result.whole().sent(), result.whole().received());
    }

    @Test
    void connectionsAreSpreadOverLoopbackSourceAddressesWhenAskedTo() throws Exception {
        URI target = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
        List<InetAddress> sources = SourceAddresses.plan(target, 9, 3);
        try (LogCapture log = new LogCapture()) {
            LoadResult result = run(paced(target, 9), sources, new CopyOnWriteArrayList<>());
            assertEquals(9, result.whole().connected(), "first error: " + result.firstError());
            for (String source : List.of("127.0.0.1", "127.0.0.2", "127.0.0.3")) {
                log.await(line -> line.contains(" " + source + "] listener did accept connection"),
                        "a connection from " + source);
            }
        }
    }

    @Test
    void aRefusedConnectionIsCountedWithItsReason() throws Exception {
        URI nothing = URI.create("ws://127.0.0.1:" + dev.wsprobe.testing.FakePeers.closedPort() + "/echo");
        LoadOptions options = LoadOptions.of(nothing).withConnections(3).withRamp(100)
                .withTiming(Duration.ZERO, Duration.ofMillis(200));
        LoadResult result = run(options, Collections.singletonList(null), new CopyOnWriteArrayList<>());
        assertEquals(0, result.whole().connected());
        assertEquals(3, result.whole().connectFailures());
        assertEquals(3, result.errors());
        assertTrue(result.firstError().startsWith("connect failed: "), result.firstError());
    }
}
