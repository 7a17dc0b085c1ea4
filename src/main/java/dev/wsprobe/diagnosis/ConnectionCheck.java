package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import dev.wsprobe.wire.HttpHead;
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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    /** What a check may use. {@code trust} null = the JDK's default CAs; {@code exchange}: send a message. */
    public record Settings(SSLContext trust, boolean verifyHostName, Duration timeout, boolean exchange) {
    }

    /** Frames larger than this are not what a check's echo or pong looks like. */
    private static final long MAX_FRAME = 16 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CheckTarget target;
    private final Settings settings;
    private final PeerProbes probes;
    private final List<CheckStep> steps = new ArrayList<>();
    private long stepStarted;

    private ConnectionCheck(URI uri, Settings settings) {
        this.target = CheckTarget.of(uri);
        this.settings = settings;
        this.probes = new PeerProbes(target);
    }

    public static CheckReport run(URI target, Settings settings) {
        return new ConnectionCheck(target, settings).execute();
    }

    private CheckReport execute() {
        String url = target.uri().toString();
        try {
            InetAddress[] addresses = resolve();
            try (Socket tcp = connect(addresses)) {
                Socket channel = target.secure() ? tls(tcp) : tcp;
                upgrade(channel);
                if (settings.exchange()) {
                    exchange(channel);
                } else {
                    sayGoodbye(channel);
                }
            }
            return new CheckReport(url, steps, Optional.empty());
        } catch (StepFailed failed) {
            return new CheckReport(url, steps, Optional.of(failed.diagnosis));
        } catch (IOException e) {
            // closing the socket failed after every step passed: nothing to report
            return new CheckReport(url, steps, Optional.empty());
        }
    }

    private InetAddress[] resolve() throws StepFailed {
        begin();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(target.host());
            pass(DiagnosisCode.Step.RESOLVE, target.host() + " -> " + Arrays.stream(addresses)
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
            return addresses;
        } catch (UnknownHostException e) {
            throw fail(ConnectFailures.unknownHost(target.host(), e.getMessage()));
        }
    }

    private Socket connect(InetAddress[] addresses) throws StepFailed {
        begin();
        IOException last = null;
        InetSocketAddress lastAddress = null;
        for (InetAddress address : addresses) {
            lastAddress = new InetSocketAddress(address, target.port());
            Socket socket = new Socket();
            try {
                socket.connect(lastAddress, TlsSockets.millis(settings.timeout()));
                pass(DiagnosisCode.Step.CONNECT, "connected to " + printable(lastAddress));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw fail(ConnectFailures.of(last, printable(lastAddress), settings.timeout()));
    }

    private Socket tls(Socket tcp) throws StepFailed {
        begin();
        try {
            SSLContext context = settings.trust() != null ? settings.trust() : SSLContext.getDefault();
            SSLSocket socket = TlsSockets.handshake(context, tcp, target, settings.verifyHostName(), settings.timeout());
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            String accepted = settings.exchange() ? "; server accepts " + probes.acceptedProtocols() : "";
            pass(DiagnosisCode.Step.TLS, socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite()
                    + "; " + CertificateText.describe(leaf) + "; trusted"
                    + (settings.verifyHostName() ? ", name matches" : "") + accepted);
            return socket;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw fail(TlsFailures.of(e, target, probes, Instant.now(), settings.timeout()));
        }
    }

    private void upgrade(Socket channel) throws StepFailed {
        begin();
        String key = Upgrade.newKey();
        String request = Upgrade.request(target.pathAndQuery(), target.hostHeader(), key,
                Map.of("User-Agent", "wsprobe-check"));
        byte[] raw;
        try {
            channel.setSoTimeout(TlsSockets.millis(settings.timeout()));
            OutputStream out = channel.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            raw = HttpHead.readRaw(channel.getInputStream());
        } catch (SocketTimeoutException e) {
            throw fail(UpgradeFailures.timedOut(target, probes, settings.timeout()));
        } catch (IOException e) {
            throw fail(UpgradeFailures.dropped(e, target, probes));
        }
        Optional<StepFailure> failure = UpgradeFailures.answer(raw, key, target, probes);
        if (failure.isPresent()) {
            throw fail(failure.get());
        }
        pass(DiagnosisCode.Step.HANDSHAKE, UpgradeFailures.passed(HttpHead.parse(raw)));
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
                if (frame.opcode() == expected && Arrays.equals(frame.payload(), payload)) {
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
