package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Upgrade;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Connects to a WebSocket URL step by step with plain JDK sockets (resolve, TCP, TLS, HTTP upgrade, one
 * exchange), timing each step and diagnosing the first that fails. Independent of any WebSocket library on
 * purpose: it sees what the peer really speaks, where Tyrus reports a scheme mismatch only after 30 s and in
 * words nobody can act on. {@code wsprobe check} prints its report; the sender runs it to explain a failure.
 *
 * <p>This class runs the steps in order and does the resolve, connect and upgrade steps itself; the proxy tunnel
 * ({@link ProxyTunnel}), TLS ({@link TlsStep}) and the message exchange ({@link MessageExchange}) are steps of their
 * own, {@link CheckSteps} times them, {@link SchemeProbe} names a wrong scheme while a step waits, the wire
 * protocol is {@link dev.wsprobe.wire}, the extra probe connections are {@link PeerProbes}, and what a failure
 * means is decided by the classifiers ({@link ConnectFailures}, {@link TlsFailures}, {@link UpgradeFailures},
 * {@link ExchangeFailures}).
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

    private final CheckTarget target;
    private final Settings settings;
    private final PeerProbes probes;
    private final CheckSteps steps = new CheckSteps();
    private final Transcript transcript;
    private final CheckRequest.ProxyRoute proxy;
    private Negotiated negotiated;

    private ConnectionCheck(URI uri, Settings settings) {
        this.target = CheckTarget.of(uri);
        this.settings = settings;
        this.proxy = settings.client().proxy();
        this.probes = new PeerProbes(target, proxy);
        this.transcript = new Transcript(settings.client());
    }

    public static CheckReport run(URI target, Settings settings) {
        return new ConnectionCheck(target, settings).execute();
    }

    private CheckReport execute() {
        try {
            InetAddress[] addresses = resolve();
            try (Socket tcp = connect(addresses)) {
                if (proxy != null) {
                    ProxyTunnel.open(tcp, target, proxy, settings.timeout(), transcript, steps);
                }
                Socket channel = target.secure() ? TlsStep.run(tcp, target, settings, probes, steps) : tcp;
                upgrade(channel);
                if (settings.exchange()) {
                    MessageExchange.run(channel, target, negotiated, settings.timeout(), steps);
                } else {
                    MessageExchange.sayGoodbye(channel);
                }
            }
            return report(Optional.empty());
        } catch (StepFailed failed) {
            return report(Optional.of(failed.diagnosis()));
        } catch (IOException e) {
            // closing the socket failed after every step passed: nothing to report
            return report(Optional.empty());
        }
    }

    private CheckReport report(Optional<Diagnosis> failure) {
        return new CheckReport(target.uri().toString(), steps.all(), failure, Optional.ofNullable(negotiated),
                transcript.lines());
    }

    /** Resolves the server's name, or with a proxy the proxy's (the proxy resolves the server's). */
    private InetAddress[] resolve() throws StepFailed {
        steps.begin();
        String host = proxy != null ? proxy.host() : target.host();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            steps.pass(DiagnosisCode.Step.RESOLVE, (proxy != null ? "proxy " : "") + host + " -> "
                    + Arrays.stream(addresses).map(InetAddress::getHostAddress).collect(Collectors.joining(", "))
                    + (proxy != null ? " (from " + proxy.source() + "; the proxy resolves " + target.host() + ")" : ""));
            return addresses;
        } catch (UnknownHostException e) {
            throw steps.fail(proxy != null ? ProxyFailures.unknownHost(proxy, e.getMessage())
                    : ConnectFailures.unknownHost(host, e.getMessage()));
        }
    }

    private Socket connect(InetAddress[] addresses) throws StepFailed {
        steps.begin();
        IOException last = null;
        InetSocketAddress lastAddress = null;
        int port = proxy != null ? proxy.port() : target.port();
        for (InetAddress address : addresses) {
            lastAddress = new InetSocketAddress(address, port);
            Socket socket = new Socket();
            try {
                socket.connect(lastAddress, TlsSockets.millis(settings.timeout()));
                steps.pass(DiagnosisCode.Step.CONNECT, "connected to " + (proxy != null ? "proxy " : "")
                        + printable(lastAddress));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw steps.fail(proxy != null ? ProxyFailures.unreachable(last, printable(lastAddress), proxy,
                settings.timeout()) : ConnectFailures.of(last, printable(lastAddress), settings.timeout()));
    }

    private void upgrade(Socket channel) throws StepFailed {
        steps.begin();
        String key = Upgrade.newKey();
        String request = Upgrade.request(target.pathAndQuery(), target.hostHeader(), key,
                UpgradeHeaders.of(settings.client()));
        transcript.sent(request);
        SchemeProbe tls = SchemeProbe.duringUpgrade(channel, settings.probeAfterSilence(), probes, target);
        byte[] raw;
        String page = "";
        try {
            channel.setSoTimeout(TlsSockets.millis(settings.timeout()));
            OutputStream out = channel.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            raw = HttpHead.readRaw(channel.getInputStream());
            tls.answered();
            if (HttpHead.isComplete(raw) && HttpHead.parse(raw).status() != 101) {
                page = UpgradeHeaders.page(channel, HttpHead.parse(raw));
            }
        } catch (IOException e) {
            Optional<StepFailure> wrongScheme = tls.explainsFailure();
            throw steps.fail(wrongScheme.isPresent() ? wrongScheme.get() : e instanceof SocketTimeoutException
                    ? UpgradeFailures.timedOut(target, probes, settings.timeout())
                    : UpgradeFailures.dropped(e, target, probes));
        }
        if (HttpHead.isComplete(raw)) {
            transcript.received(HttpHead.parse(raw));
        }
        Optional<StepFailure> failure = UpgradeFailures.answer(raw, page, key, target, probes, settings.client());
        if (failure.isPresent()) {
            throw steps.fail(failure.get());
        }
        HttpHead answer = HttpHead.parse(raw);
        negotiated = Negotiated.of(answer);
        steps.pass(DiagnosisCode.Step.HANDSHAKE, UpgradeFailures.passed(transcript.masked(answer)));
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
}
