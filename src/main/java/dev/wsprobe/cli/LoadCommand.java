package dev.wsprobe.cli;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.TyrusLoadConnector;
import dev.wsprobe.load.LoadMetrics;
import dev.wsprobe.load.LoadOptions;
import dev.wsprobe.load.LoadReport;
import dev.wsprobe.load.LoadResult;
import dev.wsprobe.load.LoadRun;
import dev.wsprobe.load.OpenFileLimit;
import dev.wsprobe.load.ReceiverStatus;
import dev.wsprobe.load.SourceAddresses;
import dev.wsprobe.load.StartAt;
import dev.wsprobe.sender.WebSocketUrl;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code wsprobe load URL}: many connections from one process, round trips or the receiver's count. */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Open many connections to URL, each sending timestamped messages at --rate, and measure.",
            "--mode echo measures round trips (p50..max); --mode receiver measures what the server counted, read "
                + "from its /status (default auto: echo when the path contains \"echo\").",
            "One live line a second; a summary at the end (--json: one JSON object on stdout, live lines on stderr).",
            "Exit code 0 when nothing went wrong, 1 when a connection failed or dropped, a send failed, or an echo "
                + "never came back."},
        customSynopsis = {"wsprobe load [OPTIONS] URL", "       wsprobe load merge [--json] FILE..."},
        subcommands = LoadMergeCommand.class)
public final class LoadCommand implements Callable<Integer> {
    // optional for picocli only, so that `load merge FILE...` needs no URL; call() requires it
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "ws:// or wss:// URL, e.g. ws://127.0.0.1:12345/echo")
    String url;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "100",
            description = "Connections to open (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--ramp", paramLabel = "N", defaultValue = "500",
            description = "New connections per second (default: ${DEFAULT-VALUE}).")
    double ramp;

    @Option(names = "--rate", paramLabel = "N|max", defaultValue = "1",
            description = "Messages per second on each connection; max = pipelined, as fast as the server answers "
                    + "with --in-flight messages outstanding (default: ${DEFAULT-VALUE}).")
    String rate;

    @Option(names = "--in-flight", paramLabel = "N", defaultValue = "16",
            description = "With --rate max: messages outstanding per connection (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "Measured time, after every connection is open and the warm-up (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "0s",
            converter = Converters.DurationConverter.class,
            description = "Load before the measured time that is not measured: JIT compilation, heap growth "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--size", paramLabel = "SIZE", defaultValue = "52", converter = Converters.ByteSizeConverter.class,
            description = "Message size in bytes, at least 23 (default: ${DEFAULT-VALUE}, the seed's hello).")
    int size;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "A connection not open by then has failed (default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Option(names = "--status-url", paramLabel = "URL",
            description = "Where the receiver's /status is (default: the URL's server, path .../status).")
    URI statusUrl;

    @Option(names = "--ports-per-address", paramLabel = "N",
            description = "Local ports one source address may use; more connections are spread over 127.0.0.2, "
                    + "127.0.0.3, ... (default: 90%% of the kernel's ephemeral port range).")
    Integer portsPerAddress;

    @Option(names = "--mode", paramLabel = "echo|receiver|auto", defaultValue = "auto",
            description = "echo: the server answers each message, round trips are measured; receiver: a wsprobe "
                    + "receiver, its /status counts are read; auto: echo when the path contains \"echo\" "
                    + "(default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--tls-resumption", paramLabel = "on|off", defaultValue = "on", arity = "1",
            converter = ServerCompressionOptions.OnOffConverter.class,
            description = "wss: a new connection resumes the TLS session of an earlier one to the same server, a "
                    + "shorter handshake without the certificate checks (far less CPU for the load, and less for the "
                    + "server); off: a full handshake for every connection, as clients new to the server make "
                    + "(default: ${DEFAULT-VALUE}).")
    boolean tlsResumption;

    @Option(names = "--json", description = "Print the summary as one JSON object on stdout; live lines go to stderr.")
    boolean json;

    @Option(names = "--histogram-out", paramLabel = "FILE",
            description = "Also write the measured round trips and the run's totals to FILE, in HdrHistogram's log "
                    + "format, for load merge.")
    Path histogramOut;

    @Option(names = "--start-at", paramLabel = "TIME",
            description = "Start the measured time at TIME, an ISO-8601 instant such as 2026-12-02T10:00:00Z (load "
                    + "processes on several machines measure together); connects ahead of it.")
    String startAt;

    @Option(names = "--source-address", paramLabel = "ADDRESS",
            description = "Open every connection from this local address, e.g. 127.0.0.2 (default: the system's "
                    + "choice, or 127.0.0.x as --ports-per-address says).")
    String sourceAddress;

    @Option(names = "--metrics-port", paramLabel = "N",
            description = "Serve the generator's live figures at http://<address>:N/metrics in the Prometheus text "
                    + "format while it runs (default: off; 0: a free port, printed).")
    Integer metricsPort;

    @Option(names = "--metrics-address", paramLabel = "ADDRESS",
            description = "Where --metrics-port listens, e.g. 127.0.0.1 (default: every interface, as a Prometheus "
                    + "on another machine or pod needs).")
    String metricsAddress;

    @Mixin
    ClientCommandOptions common;

    @Override
    public Integer call() throws InterruptedException {
        LoadOptions options = options();
        List<InetAddress> sources = sources(options);
        StartAt start = startAt();
        InetAddress metricsListen = metricsAddress();
        HistogramOut.check(histogramOut);
        PrintStream live = json ? System.err : System.out;
        try {
            OpenFileLimit.check(options.connections());
        } catch (IllegalStateException e) {
            throw new UserError(ExitCodes.SETUP, e.getMessage(), e);
        }
        ClientOptions clientOptions = common.client.resolve(options.target(), common.spec.commandLine().getErr());
        common.logging.install();
        ClientTls tls = WebSocketUrl.isSecure(options.target()) ? common.trust.create() : null;
        live.println("mode: " + (options.echo() ? "echo (round trips measured)" : "receiver (its /status read)")
                + (options.mode() == LoadOptions.Mode.AUTO ? ", from the path; choose with --mode echo|receiver"
                : ""));
        ReceiverStatus receiver = options.echo() ? null
                : new ReceiverStatus(options.target(), statusUrl, tls == null ? null : tls.context());
        try (TyrusLoadConnector connector = new TyrusLoadConnector(tls, options.handshakeTimeout(),
                clientOptions, tlsResumption)) {
            LoadRun run = new LoadRun(options, connector, sources, receiver, live::println).startingAt(start);
            try (MetricsPort metrics = serveMetrics(run, metricsListen, live)) {
                CountDownLatch reported = new CountDownLatch(1);
                Thread stopOnSignal = new Thread(() -> stopAndWait(run, reported), "wsprobe-load-stop");
                Runtime.getRuntime().addShutdownHook(stopOnSignal);
                LoadResult result = run.run();
                System.out.print(json ? LoadReport.json(result) + System.lineSeparator() : LoadReport.text(result));
                System.out.flush();
                try {
                    HistogramOut.write(histogramOut, result, start);
                } finally {
                    reported.countDown();
                }
                return result.errors() == 0 && result.whole().connected() > 0 ? ExitCodes.OK : ExitCodes.FAILED;
            }
        }
    }

    /** With --metrics-port: the run's figures on their own port until the run ends; null without. */
    private MetricsPort serveMetrics(LoadRun run, InetAddress address, PrintStream live) {
        if (metricsPort == null) {
            return null;
        }
        MetricsPort metrics = MetricsPort.start(address, metricsPort, LoadMetrics.registry(run));
        live.println("metrics: " + metrics.url(address) + (address == null ? " (every interface)" : ""));
        return metrics;
    }

    /** The --metrics-address as an address of this machine, null for every interface; checks --metrics-port too. */
    private InetAddress metricsAddress() {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            throw new ParameterException(common.spec.commandLine(), "--metrics-port must be 0-65535, got " + metricsPort);
        }
        if (metricsAddress == null) {
            return null;
        }
        if (metricsPort == null) {
            throw new ParameterException(common.spec.commandLine(), "--metrics-address needs --metrics-port");
        }
        try {
            return InetAddress.getByName(metricsAddress);
        } catch (java.net.UnknownHostException e) {
            throw new ParameterException(common.spec.commandLine(), "--metrics-address: unknown host '"
                    + metricsAddress + "'", e);
        }
    }

    /** Ctrl-C: end the measured time now, and let the summary be printed before the JVM exits. */
    private static void stopAndWait(LoadRun run, CountDownLatch reported) {
        run.stop();
        try {
            reported.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    LoadOptions options() {
        if (url == null) {
            throw new ParameterException(common.spec.commandLine(), "Missing required parameter: 'URL'");
        }
        URI target = Converters.webSocketUrl(common.spec, url);
        try {
            double perSecond = "max".equalsIgnoreCase(rate.trim()) ? 0 : parseRate();
            return new LoadOptions(target, connections, ramp, perSecond, inFlight, warmup, duration, size,
                    handshakeTimeout, LoadOptions.Mode.parse(mode));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(common.spec.commandLine(), e.getMessage(), e);
        }
    }

    private double parseRate() {
        try {
            double perSecond = Double.parseDouble(rate.trim());
            if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
                throw new NumberFormatException();
            }
            return perSecond;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate must be a number of messages per second above 0, or max; "
                    + "got '" + rate + "'");
        }
    }

    private StartAt startAt() {
        try {
            return startAt == null ? null : StartAt.parse(startAt, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(common.spec.commandLine(), e.getMessage(), e);
        }
    }

    List<InetAddress> sources(LoadOptions options) {
        int ports = portsPerAddress != null ? portsPerAddress : SourceAddresses.usablePortsPerAddress();
        try {
            if (ports < 1) {
                throw new IllegalArgumentException("--ports-per-address must be at least 1");
            }
            if (sourceAddress != null) {
                return SourceAddresses.given(sourceAddress, options.connections(), ports);
            }
            return SourceAddresses.plan(options.target(), options.connections(), ports);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(common.spec.commandLine(), e.getMessage(), e);
        }
    }
}
