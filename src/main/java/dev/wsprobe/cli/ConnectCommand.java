package dev.wsprobe.cli;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.client.Conversation;
import dev.wsprobe.client.ConversationPrinter;
import dev.wsprobe.client.Secrets;
import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.diagnosis.Diagnosis;
import dev.wsprobe.sender.WebSocketUrl;
import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.HandshakeStatus;
import dev.wsprobe.tyrus.TyrusClientConnector;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code wsprobe connect URL}: the interactive client, on a terminal or in a pipe. */
@Command(name = "connect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Connect to URL and talk: each line typed is sent as a text message, every message received "
            + "is printed.",
            "On a terminal: received messages with direction, time, type and size; /help lists the commands "
                + "(/ping, /close, /binary, /quit).",
            "In a pipe (or with --pipe): stdin lines are the messages; received payloads go to stdout, one per "
                + "line, everything else to stderr; at the end of stdin it waits up to --wait for replies, closes "
                + "with 1000 and exits.",
            "Exit codes: 0 closed normally (1000, or the server's 1000/1001), 1 the connection failed, 2 bad "
                + "command line, 3 setup (files, keystores), 8 the server closed abnormally (another code, or no "
                + "close frame)."})
public final class ConnectCommand implements Callable<Integer> {
    static final int CLOSED_ABNORMALLY = 8;

    @Parameters(index = "0", paramLabel = "URL", description = "ws:// or wss:// URL, e.g. ws://localhost:12345/echo")
    String url;

    @Option(names = {"-x", "--execute"}, paramLabel = "MESSAGE",
            description = "Send this text message (repeatable, in order) instead of reading stdin; then wait "
                    + "--wait for replies and close.")
    List<String> execute = new ArrayList<>();

    @Option(names = "--wait", paramLabel = "DURATION", defaultValue = "2s", converter = Converters.DurationConverter.class,
            description = "After the last message (end of stdin, or --execute): wait at most this long for replies "
                    + "before closing; it ends sooner once every message has had a reply (default: ${DEFAULT-VALUE}).")
    Duration wait;

    @Option(names = "--json", description = "Print every event as one JSON object per line (JSON Lines) on stdout, "
            + "with its time.")
    boolean json;

    @Option(names = "--binary-as", paramLabel = "hex|base64", defaultValue = "hex",
            description = "How received binary messages are printed (default: ${DEFAULT-VALUE}).")
    String binaryAs;

    @Option(names = "--show-control", description = "Also print pings sent and pongs received.")
    boolean showControl;

    @Option(names = "--stdin-binary", description = "Send all of stdin, as raw bytes, as one binary message.")
    boolean stdinBinary;

    @Option(names = "--terminal", description = "Terminal mode even when stdin or stdout is not a terminal.")
    boolean forceTerminal;

    @Option(names = "--pipe", description = "Pipe mode even on a terminal.")
    boolean forcePipe;

    @Option(names = "--handshake-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = Converters.DurationConverter.class,
            description = "A connection (TCP, proxy, TLS, upgrade) not open by then has failed "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration handshakeTimeout;

    @Mixin
    ClientCommandOptions common;

    @Override
    public Integer call() throws InterruptedException {
        URI target = Converters.webSocketUrl(common.spec, url);
        checkFlags();
        ConversationPrinter.BinaryAs binaryForm;
        try {
            binaryForm = ConversationPrinter.BinaryAs.parse(binaryAs);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(common.spec.commandLine(), e.getMessage(), e);
        }
        ClientOptions options = common.client.resolve(target, common.spec.commandLine().getErr());
        common.logging.installOnStderr(); // stdout carries the payloads (pipe) or the conversation (terminal)
        ClientTls tls = null;
        if (WebSocketUrl.isSecure(target)) {
            tls = common.trust.create();
        }
        boolean terminal = forceTerminal || (!forcePipe && !json && execute.isEmpty() && !stdinBinary
                && System.console() != null);
        ConversationPrinter.Form form = json ? ConversationPrinter.Form.JSON
                : terminal ? ConversationPrinter.Form.TERMINAL : ConversationPrinter.Form.PIPE;
        ConversationPrinter printer = new ConversationPrinter(form, binaryForm, showControl, System.out, System.err,
                options.secretValues(), Clock.systemDefaultZone());
        Conversation conversation = new Conversation(printer);
        try (TyrusClientConnector connector = new TyrusClientConnector(tls, target, handshakeTimeout, options)) {
            options.proxyToUse().ifPresent(proxy -> printer.note("through the proxy " + proxy));
            Session session;
            try {
                session = connector.open(conversation, target);
            } catch (DeploymentException | IOException e) {
                OptionalInt proxyStatus = HandshakeStatus.ofProxy(e);
                if (proxyStatus.isPresent()) {
                    printer.problem("could not connect: the proxy answered HTTP " + proxyStatus.getAsInt()
                            + " to CONNECT; try: " + (proxyStatus.getAsInt() == 407 ? hint(407, options)
                            : "the proxy refuses this tunnel (a 403 often means the port is not allowed; 502/504: "
                            + "the proxy cannot reach the server)"));
                    return ExitCodes.FAILED;
                }
                OptionalInt status = HandshakeStatus.of(e);
                if (status.isPresent()) {
                    // the server's own answer to this request, headers and all: more exact than a fresh probe
                    printer.problem("could not connect: the server answered HTTP " + status.getAsInt()
                            + " to the upgrade request; try: " + hint(status.getAsInt(), options));
                    return ExitCodes.FAILED;
                }
                // the fresh check goes the same way (through the proxy, with the same headers)
                Diagnoser diagnoser = new Diagnoser(tls == null ? null : tls.context(),
                        tls == null || tls.verifyHostName(), handshakeTimeout, options.checkRequest());
                Diagnosis diagnosis = diagnoser.diagnose(target, e);
                printer.problem("could not connect: " + diagnosis.cause() + "; try: " + diagnosis.fix());
                return ExitCodes.FAILED;
            }
            printer.opened(Secrets.withoutUserInfo(target), session.getNegotiatedSubprotocol(),
                    session.getNegotiatedExtensions().stream().map(Extension::getName).collect(Collectors.toList()));
            Thread closeOnSignal = new Thread(() -> ConversationDriver.closeQuietly(conversation, 1001, "interrupted"),
                    "wsprobe-connect-close");
            Runtime.getRuntime().addShutdownHook(closeOnSignal);
            ConversationDriver driver = new ConversationDriver(conversation, printer);
            int exit = terminal ? driver.terminal() : driver.pipe(execute, stdinBinary, wait);
            try {
                Runtime.getRuntime().removeShutdownHook(closeOnSignal);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running
            }
            return exit;
        }
    }

    /** What to try after the server refused the upgrade with {@code status}. */
    static String hint(int status, ClientOptions options) {
        boolean authorization = options.headers().stream().anyMatch(header -> header.named("Authorization"));
        return switch (status) {
            case 401 -> authorization ? "the server refused these credentials: check the token or user:password"
                    : "the server wants credentials: --bearer-token-file FILE, --auth-basic-file FILE, or "
                    + "-H 'Authorization: ...'";
            case 403 -> "the server forbids this client: check the credentials, the Origin (--origin) and the path";
            case 404 -> "nothing at this path on the server: check the URL's path";
            case 400, 426 -> options.subprotocols().isEmpty()
                    ? "the server refused the request: it may want a subprotocol (-s NAME) or another header (-H)"
                    : "the server refused the request: check the subprotocols offered (-s) and the headers (-H)";
            case 407 -> "the proxy wants credentials: --proxy-auth-file FILE or WSPROBE_PROXY_AUTH";
            default -> status >= 300 && status < 400 ? "the server redirects: use the URL it points to"
                    : "look at the server's log for why it refused the upgrade";
        };
    }

    private void checkFlags() {
        List<String> wrong = new ArrayList<>();
        if (forceTerminal && forcePipe) {
            wrong.add("choose --terminal or --pipe, not both");
        }
        if (wait.isNegative()) {
            wrong.add("--wait cannot be negative");
        }
        if (handshakeTimeout.isZero() || handshakeTimeout.isNegative()) {
            wrong.add("--handshake-timeout must be more than 0");
        }
        if (stdinBinary && !execute.isEmpty()) {
            wrong.add("--stdin-binary reads stdin, --execute does not: choose one");
        }
        if (forceTerminal && (json || stdinBinary || !execute.isEmpty())) {
            wrong.add("--terminal does not go with --json, --stdin-binary or --execute");
        }
        if (!wrong.isEmpty()) {
            throw new ParameterException(common.spec.commandLine(), wrong.get(0));
        }
    }
}
