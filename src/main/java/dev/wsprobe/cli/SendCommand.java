package dev.wsprobe.cli;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.StandaloneSender;
import dev.wsprobe.sender.Heartbeat;
import dev.wsprobe.sender.MessageTemplate;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.sender.WebSocketUrl;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code wsprobe send URL}: the seed's periodic sender. */
@Command(name = "send", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect to URL and send \"Hello Cruel World <date>\" every second, reporting each state "
            + "change and each send's outcome.",
            "Transient failures (refused, dropped, server going away, timeout) wait and retry with backoff; "
                + "permanent ones (TLS trust or name, HTTP 4xx, wrong scheme) fail at once, with a diagnosis.",
            "Exit code 0 when it stops as asked (--count reached, or Ctrl-C), 1 when the connection fails."})
public final class SendCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(SendCommand.class.getName());

    @Parameters(index = "0", paramLabel = "URL", description = "ws:// or wss:// URL, e.g. ws://localhost:12345/receive")
    String url;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            converter = Converters.DurationConverter.class,
            description = "Time between messages, e.g. 1s, 250ms (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--delay", paramLabel = "DURATION", defaultValue = "1s",
            converter = Converters.DurationConverter.class,
            description = "Time from connected to the first message (default: ${DEFAULT-VALUE}).")
    Duration delay;

    @Option(names = "--count", defaultValue = "0",
            description = "Stop after this many messages and close normally (1000); 0 = until Ctrl-C "
                    + "(default: ${DEFAULT-VALUE}).")
    long count;

    @Option(names = "--text", paramLabel = "TEMPLATE", defaultValue = MessageTemplate.DEFAULT,
            description = "Message text; {date} becomes the ISO-8601 time, {n} the message number "
                    + "(default: ${DEFAULT-VALUE}).")
    String text;

    @Option(names = "--binary", description = "Send the text's UTF-8 bytes as binary messages.")
    boolean binary;

    @Option(names = "--name", defaultValue = "sender", description = "Label in log lines (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--ack",
            description = "Ask the receiver to acknowledge each message; unacknowledged ones (up to 10000) are sent "
                    + "again after a reconnect, so a receiver restart loses nothing. With --count, the sender "
                    + "closes once all are acknowledged.")
    boolean acknowledged;

    @Option(names = "--ping-interval", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "Ping the server this often; 0 = never (default: ${DEFAULT-VALUE}).")
    Duration pingInterval;

    @Option(names = "--pong-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "A ping unanswered this long means the server is gone without a close (a cut "
                    + "network): go waiting and reconnect (default: ${DEFAULT-VALUE}).")
    Duration pongTimeout;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "A connection (TCP, TLS, upgrade) not open by then has failed (default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Option(names = "--retry-initial", paramLabel = "DURATION", defaultValue = "500ms",
            converter = Converters.DurationConverter.class,
            description = "Wait before the first retry after a transient failure; doubles each time, with jitter "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration retryInitial;

    @Option(names = "--retry-max", paramLabel = "DURATION", defaultValue = "30s",
            converter = Converters.DurationConverter.class,
            description = "Longest wait between retries (default: ${DEFAULT-VALUE}).")
    Duration retryMax;

    @Option(names = "--max-retries", paramLabel = "N", defaultValue = "-1",
            description = "Give up after N consecutive failed retries; -1 = never (default: ${DEFAULT-VALUE}). "
                    + "Permanent failures (TLS trust, HTTP 4xx...) never retry.")
    int maxRetries;

    @Option(names = "--no-sequence",
            description = "Connect to URL exactly as given: without it the sender adds ?wsprobe-sender=ID to the "
                    + "URL's query, so a wsprobe receiver can count gaps and duplicates. For other servers.")
    boolean noSequence;

    @Mixin
    ClientCommandOptions common;

    private final AtomicBoolean summaryPrinted = new AtomicBoolean();
    /** Open once the summary line is written, by whichever thread wrote it. */
    private final CountDownLatch summaryWritten = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        URI target = Converters.webSocketUrl(common.spec, url);
        SenderOptions options;
        try {
            options = new SenderOptions(target, name, delay, interval, count, text, binary,
                    new RetryPolicy(retryInitial, retryMax, maxRetries), handshakeTimeout, acknowledged,
                    new Heartbeat(pingInterval, pongTimeout));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(common.spec.commandLine(), e.getMessage(), e);
        }
        if (noSequence && acknowledged) {
            throw new ParameterException(common.spec.commandLine(), "--ack needs the sender's identity in the URL: drop "
                    + "--no-sequence");
        }
        ClientOptions clientOptions = common.client.resolve(target, common.spec.commandLine().getErr());
        common.logging.install();
        if (!clientOptions.equals(ClientOptions.NONE)) {
            LOG.log(System.Logger.Level.DEBUG, "client options: " + clientOptions);
        }
        ClientTls tls = null;
        if (WebSocketUrl.isSecure(target)) {
            tls = common.trust.create();
        } else if (common.trust.anyGiven()) {
            LOG.log(System.Logger.Level.WARNING, "TLS options are ignored for a ws:// URL (plain, no TLS)");
        }
        try (StandaloneSender sender = new StandaloneSender(options, tls, clientOptions, !noSequence)) {
            CompletableFuture<SenderResult> outcome = sender.start();
            Thread stopOnSignal = new Thread(() -> cancelAndWait(sender, outcome), "wsprobe-cancel");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            SenderResult result = outcome.join();
            removeHook(stopOnSignal);
            printSummaryOnce(result);
            return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    /** Ctrl-C: close normally if connected, and still print the summary before the JVM exits. */
    private void cancelAndWait(StandaloneSender sender, CompletableFuture<SenderResult> outcome) {
        sender.cancel();
        try {
            printSummaryOnce(outcome.get(3, TimeUnit.SECONDS));
            // The main thread may have claimed the summary first (the cancel completed its join too); the JVM
            // halts as soon as this hook returns, main thread or not, so wait for the line to be out.
            summaryWritten.await(1, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // exiting anyway; the close frame may not have been answered
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void printSummaryOnce(SenderResult result) {
        if (summaryPrinted.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "summary: " + result.sent() + " sent, " + result.sendFailures()
                    + " send errors, " + result.skipped() + " skipped (not ready), " + result.received()
                    + " received" + (acknowledged ? ", " + result.resent() + " resent, " + result.unacknowledged()
                    + " unacknowledged" : "") + ", final state: " + result.finalState() + outcome(result));
            summaryWritten.countDown();
        }
    }

    /** {@code cancelled} is Network.framework's word for every end on purpose: say which end it was. */
    private String outcome(SenderResult result) {
        if (!result.succeeded()) {
            return "";
        }
        if (count > 0 && result.sent() == count) {
            return " (run completed: all " + count + (count == 1 ? " message" : " messages") + " sent)";
        }
        return count > 0 ? " (stopped before --count was reached)" : " (stopped by the user)";
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }
}
