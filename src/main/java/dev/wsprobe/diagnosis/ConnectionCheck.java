package dev.wsprobe.diagnosis;




import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Tunnel;
import dev.wsprobe.wire.Upgrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Connects to a WebSocket URL step by step with plain JDK sockets (resolve, TCP, TLS, HTTP upgrade, one
 * exchange), timing each step and diagnosing the first that fails. Independent of any WebSocket library on
 * purpose: it sees what the peer really speaks, where Tyrus reports a scheme mismatch only after 30 s and in
 * words nobody can act on. {@code wsprobe check} prints its report; the sender runs it to explain a failure.
 *
 * <p>This class runs and times the steps; the wire protocol is {@link dev.wsprobe.wire}, the extra probe
 * connections are {@link PeerProbes}, and what a failure means is decided by the classifiers
 * ({@link ConnectFailures}, {@link TlsFailures}, {@link UpgradeFailures}, {@link ExchangeFailures}).
 */
public final class ConnectionCheck {
    /**
     * What a check may use.
     *
     * @param trust             null = the JDK's default CAs
     * @param exchange          send a message after the upgrade
     * @param client            headers, Origin, subprotocols, compression and proxy, as the other clients send them
     * @param probeAfterSilence when a TLS or upgrade answer has not come after this long, ask a second connection
     *                          what the port speaks (a thread of its own); null = only after the step's timeout
     */
    public record Settings(SSLContext trust, boolean verifyHostName, Duration timeout, boolean exchange,
            CheckRequest client, Duration probeAfterSilence) {
        public Settings(SSLContext trust, boolean verifyHostName, Duration timeout, boolean exchange) {
            this(trust, verifyHostName, timeout, exchange, CheckRequest.NONE, null);
        }

        public Settings {
            client = client == null ? CheckRequest.NONE : client;
        }

        public Settings withClient(CheckRequest options) {
            return new Settings(trust, verifyHostName, timeout, exchange, options, probeAfterSilence);
        }

        public Settings probingAfterSilence(Duration quiet) {
            return new Settings(trust, verifyHostName, timeout, exchange, client, quiet);
        }
    }

    /**
     * How long a silent peer waits before a second connection asks what it speaks (check's default). Short: the
     * probe costs one connection, and proving a port plain (it answers HTTP, and no TLS hello within 1 s: nginx
     * answers plain requests on its TLS port too) takes another second.
     */
    public static final Duration QUIET_BEFORE_PROBE = Duration.ofMillis(500);

    /** Frames larger than this are not what a check's echo or pong looks like. */
    private static final long MAX_FRAME = 16 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CheckTarget target;
    private final Settings settings;
    private final PeerProbes probes;
    private final List<CheckStep> steps = new ArrayList<>();
    /** The request and response heads, secrets masked, for {@code check --verbose}. */
    private final List<String> transcript = new ArrayList<>();
    private final CheckRequest.ProxyRoute proxy;
    private Negotiated negotiated;
    private long stepStarted;

    private ConnectionCheck(URI uri, Settings settings) {
        this.target = CheckTarget.of(uri);
        this.settings = settings;
        this.proxy = settings.client().proxy();
        this.probes = new PeerProbes(target, proxy);
    }

    public static CheckReport run(URI target, Settings settings) {
        return new ConnectionCheck(target, settings).execute();
    }

    private CheckReport execute() {
        String url = target.uri().toString();
        try {
            InetAddress[] addresses = resolve();
            try (Socket tcp = connect(addresses)) {
                if (proxy != null) {
                    tunnel(tcp);
                }
                Socket channel = target.secure() ? tls(tcp) : tcp;
                upgrade(channel);
                if (settings.exchange()) {
                    exchange(channel);
                } else {
                    sayGoodbye(channel);
                }
            }
            return report(Optional.empty());
        } catch (StepFailed failed) {
            return report(Optional.of(failed.diagnosis));
        } catch (IOException e) {
            // closing the socket failed after every step passed: nothing to report
            return report(Optional.empty());
        }
    }

    private CheckReport report(Optional<Diagnosis> failure) {
        return new CheckReport(target.uri().toString(), steps, failure, Optional.ofNullable(negotiated), transcript);
    }

    /** Resolves the server's name, or with a proxy the proxy's (the proxy resolves the server's). */
    private InetAddress[] resolve() throws StepFailed {
        begin();
        String host = proxy != null ? proxy.host() : target.host();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            pass(DiagnosisCode.Step.RESOLVE, (proxy != null ? "proxy " : "") + host + " -> " + Arrays.stream(addresses)
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                    + (proxy != null ? " (from " + proxy.source() + "; the proxy resolves " + target.host() + ")" : ""));
            return addresses;
        } catch (UnknownHostException e) {
            throw fail(proxy != null ? ProxyFailures.unknownHost(proxy, e.getMessage())
                    : ConnectFailures.unknownHost(host, e.getMessage()));
        }
    }

    private Socket connect(InetAddress[] addresses) throws StepFailed {
        begin();
        IOException last = null;
        InetSocketAddress lastAddress = null;
        int port = proxy != null ? proxy.port() : target.port();
        for (InetAddress address : addresses) {
            lastAddress = new InetSocketAddress(address, port);
            Socket socket = new Socket();
            try {
                socket.connect(lastAddress, TlsSockets.millis(settings.timeout()));
                pass(DiagnosisCode.Step.CONNECT, "connected to " + (proxy != null ? "proxy " : "")
                        + printable(lastAddress));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw fail(proxy != null ? ProxyFailures.unreachable(last, printable(lastAddress), proxy, settings.timeout())
                : ConnectFailures.of(last, printable(lastAddress), settings.timeout()));
    }

    /** Asks the proxy for a tunnel to the server ({@code CONNECT host:port}). */
    private void tunnel(Socket tcp) throws StepFailed {
        begin();
        String request = Tunnel.request(target.authority(), proxy.authorization());
        record(">", request);
        byte[] raw;
        try {
            tcp.setSoTimeout(TlsSockets.millis(settings.timeout()));
            tcp.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            tcp.getOutputStream().flush();
            raw = HttpHead.readRaw(tcp.getInputStream());
        } catch (SocketTimeoutException e) {
            throw fail(ProxyFailures.noAnswer(proxy, "no answer within " + Words.seconds(settings.timeout())));
        } catch (IOException e) {
            throw fail(ProxyFailures.noAnswer(proxy, Failures.summary(e)));
        }
        if (!HttpHead.isComplete(raw) || !new String(raw, StandardCharsets.ISO_8859_1).startsWith("HTTP/")) {
            throw fail(ProxyFailures.noAnswer(proxy, raw.length == 0 ? "it closed the connection"
                    : "its answer is not HTTP"));
        }
        HttpHead answer = HttpHead.parse(raw);
        record("<", answer);
        Optional<StepFailure> refused = ProxyFailures.answer(answer, target.authority(), proxy);
        if (refused.isPresent()) {
            throw fail(refused.get());
        }
        pass(DiagnosisCode.Step.CONNECT, "tunnel to " + target.authority() + " through the proxy: "
                + answer.startLine());
    }

    private Socket tls(Socket tcp) throws StepFailed {
        begin();
        // a plain HTTP port never answers a TLS hello: after a short silence, a second connection asks it in HTTP
        SilenceWatch watch = SilenceWatch.start(tcp, settings.probeAfterSilence(), probes::speaksOnlyPlainHttp);
        SSLSocket socket;
        try {
            SSLContext context = settings.trust() != null ? settings.trust() : SSLContext.getDefault();
            socket = TlsSockets.handshake(context, tcp, target, settings.verifyHostName(), settings.timeout());
            watch.cancel();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (watch.stop()) {
                throw fail(new StepFailure(DiagnosisCode.Step.TLS, "no TLS answer; the port speaks plain HTTP",
                        TlsFailures.tlsNotSpoken(target.port())));
            }
            throw fail(TlsFailures.of(e, target, probes, Instant.now(), settings.timeout()));
        }
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            X509Certificate leaf = (X509Certificate) chain[0];
            String accepted = settings.exchange() ? "; server accepts " + probes.acceptedProtocols() : "";
            pass(DiagnosisCode.Step.TLS, socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite()
                    + "; " + CertificateText.describe(leaf) + "; " + judged(chain, leaf) + accepted);
            return socket;
        } catch (IOException | RuntimeException e) {
            throw fail(TlsFailures.of(e, target, probes, Instant.now(), settings.timeout()));
        }
    }

    /** What the certificate check said, or, when {@code --insecure} turned it off, what it would have said. */
    private String judged(Certificate[] chain, X509Certificate leaf) {
        if (settings.verifyHostName()) {
            return "trusted, name matches";
        }
        X509Certificate[] x509 = Arrays.stream(chain).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        boolean trusted = settings.trust() == null || HostNames.trustedByDefaultCas(x509, "UNKNOWN");
        boolean named = HostNames.covers(CertificateText.names(leaf), target.host());
        if (trusted && named) {
            return "not checked (--insecure), but trusted by the JDK's CAs and the name matches";
        }
        return "NOT checked (--insecure let it pass): " + (trusted ? "trusted by the JDK's CAs" : "not trusted by the "
                + "JDK's CAs (" + CertificateText.issuer(leaf) + ")") + ", " + (named ? "the name matches"
                : "the name does NOT match " + target.host());
    }

    private void upgrade(Socket channel) throws StepFailed {
        begin();
        String key = Upgrade.newKey();
        String request = Upgrade.request(target.pathAndQuery(), target.hostHeader(), key,
                UpgradeHeaders.of(settings.client()));
        record(">", request);
        // a TLS port may never answer a plain request: after a short silence, a second connection asks it in TLS
        SilenceWatch watch = SilenceWatch.start(channel, target.secure() ? null : settings.probeAfterSilence(),
                probes::speaksTls);
        byte[] raw;
        String page = "";
        try {
            channel.setSoTimeout(TlsSockets.millis(settings.timeout()));
            OutputStream out = channel.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            raw = HttpHead.readRaw(channel.getInputStream());
            watch.cancel();
            if (HttpHead.isComplete(raw) && HttpHead.parse(raw).status() != 101) {
                page = UpgradeHeaders.page(channel, HttpHead.parse(raw));
            }
        } catch (IOException e) {
            if (watch.stop()) {
                throw fail(new StepFailure(DiagnosisCode.Step.HANDSHAKE, "no HTTP answer; the port speaks TLS",
                        TlsFailures.tlsExpected(target.port())));
            }
            throw fail(e instanceof SocketTimeoutException ? UpgradeFailures.timedOut(target, probes, settings.timeout())
                    : UpgradeFailures.dropped(e, target, probes));
        }
        if (HttpHead.isComplete(raw)) {
            record("<", HttpHead.parse(raw));
        }
        Optional<StepFailure> failure = UpgradeFailures.answer(raw, page, key, target, probes, settings.client());
        if (failure.isPresent()) {
            throw fail(failure.get());
        }
        HttpHead answer = HttpHead.parse(raw);
        negotiated = Negotiated.of(answer);
        pass(DiagnosisCode.Step.HANDSHAKE, UpgradeFailures.passed(masked(answer)));
    }

    private void exchange(Socket channel) throws StepFailed {
        begin();
        boolean echo = target.isEcho();
        byte[] payload = ("wsprobe check " + Long.toHexString(RANDOM.nextLong())).getBytes(StandardCharsets.UTF_8);
        int expected = echo ? Frame.TEXT : Frame.PONG;
        try {
            InputStream in = channel.getInputStream();
            Frames.write(channel.getOutputStream(), Frame.of(echo ? Frame.TEXT : Frame.PING, payload), true);
            long sent = System.nanoTime();
            while (true) {
                Frame frame = Frames.read(in, MAX_FRAME);
                if (frame.opcode() == Frame.CLOSE) {
                    throw fail(ExchangeFailures.closed(frame));
                }
                if (frame.opcode() == expected && (Arrays.equals(frame.payload(), payload)
                        || negotiated.compressed() && Arrays.equals(Deflate.inflate(frame.payload()), payload))) {
                    String roundTrip = String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - sent) / 1e6);
                    sayGoodbye(channel);
                    pass(DiagnosisCode.Step.WEBSOCKET, (echo ? "echo" : "ping/pong") + " round trip " + roundTrip
                            + "; closed normally (1000)");
                    return;
                }
                // anything else (a server's own ping or message) is not the answer we wait for
            }
        } catch (SocketTimeoutException e) {
            throw fail(ExchangeFailures.timedOut(echo, settings.timeout()));
        } catch (IOException e) {
            throw fail(ExchangeFailures.dropped(e));
        }
    }

    /** Closes with 1000 and waits briefly for the server's close; the verdict does not depend on it. */
    private void sayGoodbye(Socket channel) {
        try {
            Frames.write(channel.getOutputStream(), Frame.of(Frame.CLOSE, Frame.closePayload(1000, "")), true);
            channel.setSoTimeout(TlsSockets.millis(PeerProbes.CONFIRM_TIMEOUT));
            InputStream in = channel.getInputStream();
            while (Frames.read(in, MAX_FRAME).opcode() != Frame.CLOSE) {
                // drain until the server's close answer
            }
        } catch (IOException e) {
            // a polite goodbye is not part of the verdict
        }
    }

    /** Adds a head to the transcript, one line each, secret values masked. */
    private void record(String direction, String head) {
        CheckRequest request = settings.client();
        String[] lines = head.split("\r\n");
        for (int i = 0; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (i == 0 || colon <= 0) {
                transcript.add(direction + " " + request.scrub(lines[i]));
            } else {
                String name = lines[i].substring(0, colon);
                transcript.add(direction + " " + name + ": " + request.shown(name, lines[i].substring(colon + 1).trim()));
            }
        }
    }

    private void record(String direction, HttpHead head) {
        transcript.add(direction + " " + settings.client().scrub(head.startLine()));
        masked(head).headers().forEach((name, value) -> transcript.add(direction + " " + name + ": " + value));
    }

    /** The head with secret header values masked, and any secret the server quotes back scrubbed. */
    private HttpHead masked(HttpHead head) {
        Map<String, String> headers = new LinkedHashMap<>();
        head.headers().forEach((name, value) -> headers.put(name, settings.client().shown(name, value)));
        return new HttpHead(head.startLine(), headers);
    }

    private void begin() {
        stepStarted = System.nanoTime();
    }

    private void pass(DiagnosisCode.Step step, String detail) {
        steps.add(new CheckStep(step, true, Duration.ofNanos(System.nanoTime() - stepStarted), detail));
    }

    private StepFailed fail(StepFailure failure) {
        steps.add(new CheckStep(failure.step(), false, Duration.ofNanos(System.nanoTime() - stepStarted),
                failure.detail()));
        return new StepFailed(failure.diagnosis());
    }

    private static String printable(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        String ip = address.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    /** Ends the check at the failing step. */
    private static final class StepFailed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Diagnosis diagnosis;

        StepFailed(Diagnosis diagnosis) {
            super(diagnosis.cause(), null, false, false);
            this.diagnosis = diagnosis;
        }
    }
}
