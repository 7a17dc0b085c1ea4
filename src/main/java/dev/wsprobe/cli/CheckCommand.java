package dev.wsprobe.cli;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.diagnosis.Words;
import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.diagnosis.CheckReport;
import dev.wsprobe.diagnosis.CheckStep;
import dev.wsprobe.diagnosis.ConnectionCheck;
import dev.wsprobe.diagnosis.Diagnosis;
import dev.wsprobe.sender.WebSocketUrl;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code wsprobe check URL}: connect once, step by step, and say which step fails and why. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect to URL once, step by step (resolve, TCP, TLS, HTTP upgrade, one message), "
            + "timing each step; on failure, say which step failed, why, and what to try.",
            "Paths containing \"echo\" get an echo round trip, others a ping/pong. No retries.",
            "Exit codes: 0 all steps passed, 4 resolve or connect failed, 5 TLS failed, 6 the HTTP upgrade "
                + "failed, 7 the WebSocket exchange failed."})
public final class CheckCommand implements Callable<Integer> {
    static final int CONNECT_FAILED = 4;
    static final int TLS_FAILED = 5;
    static final int HANDSHAKE_FAILED = 6;
    static final int WEBSOCKET_FAILED = 7;

    @Parameters(index = "0", paramLabel = "URL", description = "ws:// or wss:// URL")
    String url;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "Longest wait for each step's answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Mixin
    ClientCommandOptions common;

    @Override
    public Integer call() {
        URI target = Converters.webSocketUrl(common.spec, url);
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ParameterException(common.spec.commandLine(), "--timeout must be more than 0, got "
                    + Words.seconds(timeout));
        }
        ClientOptions options = common.client.resolve(target, common.spec.commandLine().getErr());
        common.logging.install();
        ClientTls tls = WebSocketUrl.isSecure(target) ? common.trust.create() : null;
        if (tls != null && !tls.verifyHostName()) {
            common.spec.commandLine().getErr().println("WARNING --insecure: the server's certificate and host name are NOT "
                    + "checked. For testing only.");
        }
        CheckReport report = ConnectionCheck.run(target, new ConnectionCheck.Settings(
                tls == null ? null : tls.context(), tls == null || tls.verifyHostName(), timeout, true)
                .withClient(options.checkRequest()).probingAfterSilence(ConnectionCheck.QUIET_BEFORE_PROBE));
        PrintWriter out = common.spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson(common.logging.verbose));
        } else {
            print(report, options, common.logging.verbose, out);
        }
        out.flush();
        return exitCode(report);
    }

    private static void print(CheckReport report, ClientOptions options, boolean verbose, PrintWriter out) {
        out.println("check " + report.target()
                + options.proxyToUse().map(proxy -> " through the proxy " + proxy).orElse(""));
        for (CheckStep step : report.steps()) {
            out.printf(Locale.ROOT, "  %-9s %-6s %8.1f ms  %s%n", step.step().name().toLowerCase(Locale.ROOT),
                    step.ok() ? "OK" : "FAILED", step.took().toNanos() / 1e6, step.detail());
        }
        if (verbose) {
            report.transcript().forEach(line -> out.println("  " + line));
        }
        report.negotiated().ifPresent(agreed -> out.println("agreed: " + agreed));
        if (report.failure().isPresent()) {
            Diagnosis diagnosis = report.failure().get();
            out.println("diagnosis: " + diagnosis.code() + ": " + diagnosis.cause());
            out.println("try: " + diagnosis.fix());
        } else {
            out.println("result: OK, every step passed");
        }
    }

    private static int exitCode(CheckReport report) {
        if (report.ok()) {
            return ExitCodes.OK;
        }
        return switch (report.steps().get(report.steps().size() - 1).step()) {
            case RESOLVE, CONNECT -> CONNECT_FAILED;
            case TLS -> TLS_FAILED;
            case HANDSHAKE -> HANDSHAKE_FAILED;
            case WEBSOCKET -> WEBSOCKET_FAILED;
        };
    }
}
