package dev.wsprobe.cli;

import dev.wsprobe.diagnosis.Failures;
import dev.wsprobe.diagnosis.StrictJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wsprobe health}: asks a running server for its {@code /status} and says whether it answered.
 *
 * <p>It exists for container health checks: the JRE image the server runs on has neither curl nor wget, but it
 * has Java and this jar. Its exit codes are the ones Docker's {@code HEALTHCHECK} understands: 0 healthy, 1
 * unhealthy (never 2, which Docker reserves; a bad command line is still 2, as for every command). Its
 * default URL follows the same {@code WSPROBE_PORT} the server reads, so the image's health check needs no
 * arguments whatever port the container is configured for.
 */
@Command(name = "health", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask a running wsprobe server for /status (for container health checks).",
            "Exit codes: 0 healthy (HTTP 200 with the status JSON), 1 unhealthy (no answer, or another answer)."},
        footer = {"", "Environment: WSPROBE_PORT sets the default URL's port, as for the server."})
public final class HealthCommand implements Callable<Integer> {
    static final String DEFAULT_URL = "http://127.0.0.1:${env:WSPROBE_PORT:-12345}/status";

    @Parameters(index = "0", arity = "0..1", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "Status URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "Longest wait for the connection and for the answer (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--only-if-serving",
            description = "In a container: healthy without asking when the container's main process (PID 1) is "
                    + "wsprobe running another command than server (send, load, ...), which has no /status. "
                    + "The image's HEALTHCHECK uses it.")
    boolean onlyIfServing;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        URI status = parse(url);
        logging.install();
        PrintWriter out = spec.commandLine().getOut();
        if (onlyIfServing) {
            String command = ContainerCommand.ofMainProcess();
            if (command != null && !command.equals("server")) {
                out.println("healthy: this container runs wsprobe " + command + ", not a server: nothing to ask");
                out.flush();
                return ExitCodes.OK;
            }
        }
        long started = System.nanoTime();
        String verdict;
        boolean healthy = false;
        try {
            HttpResponse<String> response = get(status);
            String body = response.body();
            Optional<String> problem = response.statusCode() == 200 ? problemWith(body) : Optional.empty();
            healthy = response.statusCode() == 200 && problem.isEmpty();
            verdict = (healthy ? "healthy: " : "unhealthy: ") + status + " answered HTTP " + response.statusCode()
                    + " in " + millis(started) + (healthy ? ": " + body : problem.map(why -> ": " + why).orElse(""));
        } catch (java.net.ConnectException e) {
            // the JDK's client often gives no message here; this is what it means
            verdict = "unhealthy: " + status + ": connection refused: no server listens on port " + port(status);
        } catch (HttpTimeoutException e) {
            verdict = "unhealthy: " + status + " did not answer within " + timeout.toMillis() + " ms";
        } catch (IOException e) {
            verdict = "unhealthy: " + status + ": " + Failures.summary(e);
        }
        out.println(verdict);
        out.flush();
        return healthy ? ExitCodes.OK : ExitCodes.FAILED;
    }

    /**
     * What is wrong with a {@code /status} body, empty when it is a wsprobe status document: a JSON object with a
     * number {@code uptimeSeconds} and an object {@code endpoints} (see {@code StatusJson}).
     */
    static Optional<String> problemWith(String body) {
        Object document;
        try {
            document = StrictJson.parse(body);
        } catch (IllegalArgumentException e) {
            return Optional.of("the answer is not JSON (" + e.getMessage() + ")");
        }
        if (!(document instanceof Map<?, ?> status)) {
            return Optional.of("the answer is JSON but not an object");
        }
        if (!(status.get("uptimeSeconds") instanceof BigDecimal uptime) || uptime.signum() < 0) {
            return Optional.of("the answer has no uptimeSeconds: not a wsprobe status");
        }
        if (!(status.get("endpoints") instanceof Map<?, ?>)) {
            return Optional.of("the answer has no endpoints: not a wsprobe status");
        }
        return Optional.empty();
    }

    private HttpResponse<String> get(URI status) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
        HttpRequest request = HttpRequest.newBuilder(status).timeout(timeout).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI parse(String text) {
        try {
            URI parsed = new URI(text);
            if ("http".equalsIgnoreCase(parsed.getScheme()) && parsed.getHost() != null) {
                return parsed;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "bad URL \"" + text
                + "\": write the server's status URL, e.g. http://127.0.0.1:12345/status");
    }

    private static int port(URI status) {
        return status.getPort() < 0 ? 80 : status.getPort();
    }

    private static String millis(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - startedNanos) / 1e6);
    }
}
