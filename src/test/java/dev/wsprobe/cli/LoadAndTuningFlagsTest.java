package dev.wsprobe.cli;

import dev.wsprobe.standalone.ServerTuning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.load.LoadOptions;
import dev.wsprobe.server.MessageLogging;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** What `load` and the server's tuning flags make of what a user types; nothing is started. */
class LoadAndTuningFlagsTest {
    private static LoadCommand load(String... args) {
        LoadCommand command = new LoadCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static ServerCommand server(String... args) {
        ServerCommand command = new ServerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void loadDefaults() {
        LoadOptions options = load("ws://127.0.0.1:12345/echo").options();
        assertEquals(URI.create("ws://127.0.0.1:12345/echo"), options.target());
        assertEquals(100, options.connections());
        assertEquals(500, options.rampPerSecond());
        assertEquals(1, options.ratePerSecond());
        assertFalse(options.pipelined());
        assertEquals(Duration.ofSeconds(10), options.duration());
        assertEquals(Duration.ZERO, options.warmup());
        assertEquals(52, options.sizeBytes());
        assertTrue(options.echo());
    }

    @Test
    void loadFlags() {
        LoadOptions options = load("--connections", "10000", "--ramp", "2000", "--rate", "0.5", "--duration", "30s",
                "--warmup", "5s", "--size", "1k", "ws://h:1/receive").options();
        assertEquals(10_000, options.connections());
        assertEquals(2000, options.rampPerSecond());
        assertEquals(0.5, options.ratePerSecond());
        assertEquals(Duration.ofSeconds(30), options.duration());
        assertEquals(Duration.ofSeconds(5), options.warmup());
        assertEquals(1024, options.sizeBytes());
        assertFalse(options.echo(), "a receiver is measured by its count");
    }

    @Test
    void tlsResumptionIsOnUnlessTurnedOff() {
        assertTrue(load("wss://h:1/echo").tlsResumption);
        assertFalse(load("--tls-resumption", "off", "wss://h:1/echo").tlsResumption);
        assertThrows(ParameterException.class, () -> load("--tls-resumption", "sometimes", "wss://h:1/echo"));
    }

    @Test
    void rateMaxIsPipelinedWithTheWindow() {
        LoadOptions options = load("--rate", "max", "--in-flight", "64", "ws://h:1/echo").options();
        assertTrue(options.pipelined());
        assertEquals(64, options.inFlight());
    }

    @Test
    void badLoadValuesAreOneLineUsageErrors() {
        assertEquals("--rate must be a number of messages per second above 0, or max; got 'fast'",
                assertThrows(ParameterException.class, () -> load("--rate", "fast", "ws://h:1/echo").options())
                        .getMessage());
        assertEquals("--size must be between 23 bytes (room for the timestamp) and 1m",
                assertThrows(ParameterException.class, () -> load("--size", "10", "ws://h:1/echo").options())
                        .getMessage());
        assertEquals("--connections must be at least 1",
                assertThrows(ParameterException.class, () -> load("--connections", "0", "ws://h:1/echo").options())
                        .getMessage());
        assertTrue(assertThrows(ParameterException.class, () -> load("http://h:1/echo").options()).getMessage()
                .startsWith("bad URL \"http://h:1/echo\": WebSocket URLs start with ws://"));
    }

    @Test
    void moreConnectionsThanOneAddressHasPortsNeedAnIpv4LoopbackTarget() {
        LoadCommand command = load("--connections", "30", "--ports-per-address", "10", "ws://[::1]:1/echo");
        ParameterException error = assertThrows(ParameterException.class, () -> command.sources(command.options()));
        assertTrue(error.getMessage().contains("works only towards an IPv4 loopback server"), error.getMessage());
        LoadCommand loopback = load("--connections", "30", "--ports-per-address", "10", "ws://127.0.0.1:1/echo");
        assertEquals(3, loopback.sources(loopback.options()).size());
    }

    @Test
    void serverTuningDefaultsAreSameThreadAndAutoLogging() {
        ServerCommand command = server();
        assertEquals(ServerTuning.Strategy.SAME_THREAD, command.ioStrategy);
        assertEquals(0, command.selectorThreads);
        assertEquals(0, command.workerThreads);
        assertEquals(0, command.readBuffer);
        assertEquals(0, command.writeBuffer);
        assertEquals(MessageLogging.AUTO, command.logMessages);
        assertEquals(Runtime.getRuntime().availableProcessors(), ServerTuning.DEFAULT.effectiveSelectorThreads());
    }

    @Test
    void serverTuningFlags() {
        ServerCommand command = server("--io-strategy", "worker-thread", "--selector-threads", "1", "--worker-threads",
                "4", "--read-buffer", "16k", "--write-buffer", "64k", "--log-messages", "every");
        assertEquals(ServerTuning.Strategy.WORKER_THREAD, command.ioStrategy);
        assertEquals(1, command.selectorThreads);
        assertEquals(4, command.workerThreads);
        assertEquals(16 * 1024, command.readBuffer);
        assertEquals(64 * 1024, command.writeBuffer);
        assertEquals(MessageLogging.EVERY, command.logMessages);
        ServerTuning tuning = new ServerTuning(command.ioStrategy, 1, 4, 16 * 1024, 64 * 1024);
        assertEquals("worker-thread on 1 selector thread(s) + 4 worker thread(s), read buffer 16384 bytes, "
                + "write buffer 65536 bytes", tuning.describe());
    }

    @Test
    void badServerTuningValuesNameTheChoices() {
        ParameterException strategy = assertThrows(ParameterException.class, () -> server("--io-strategy", "fast"));
        assertTrue(strategy.getMessage().contains("'fast' is not an I/O strategy; use same-thread, worker-thread, "
                + "leader-follower or dynamic"), strategy.getMessage());
        ParameterException logging = assertThrows(ParameterException.class, () -> server("--log-messages", "all"));
        assertTrue(logging.getMessage().contains("use auto, every or summary"), logging.getMessage());
    }
}
