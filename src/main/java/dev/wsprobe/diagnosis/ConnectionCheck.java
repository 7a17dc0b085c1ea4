package dev.wsprobe.diagnosis;

import dev.wsprobe.tls.SslContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Connects to a WebSocket URL step by step with plain JDK sockets (resolve, TCP, TLS, HTTP upgrade, one
 * exchange), timing each step and diagnosing the first that fails. Independent of any WebSocket library on
 * purpose: it sees what the peer really speaks, where Tyrus reports a scheme mismatch only after 30 s and in
 * words nobody can act on. {@code wsprobe check} prints its report; the sender runs it to explain a failure.
 */
public final class ConnectionCheck {
    /** What a check may use. {@code trust} null = the JDK's default CAs; {@code exchange}: send a message. */
    public record Settings(SSLContext trust, boolean verifyHostName, Duration timeout, boolean exchange) {
    }

    private static final String WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    /** Confirming what a port speaks needs one round trip; a server that speaks it answers at once. */
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI target;
    private final Settings settings;
    private final String host;
    private final int port;
    private final boolean secure;
    private final List<CheckStep> steps = new ArrayList<>();
    private long stepStarted;

    private ConnectionCheck(URI target, Settings settings) {
        this.target = target;
        this.settings = settings;
        this.secure = "wss".equalsIgnoreCase(target.getScheme());
        String rawHost = target.getHost();
        this.host = rawHost.startsWith("[") ? rawHost.substring(1, rawHost.length() - 1) : rawHost;
        this.port = target.getPort() != -1 ? target.getPort() : secure ? 443 : 80;
    }

    public static CheckReport run(URI target, Settings settings) {
        return new ConnectionCheck(target, settings).execute();
    }

    private CheckReport execute() {
        try {
            InetAddress[] addresses = resolve();
            try (Socket tcp = connect(addresses)) {
                Socket channel = secure ? tls(tcp) : tcp;
                upgrade(channel);
                if (settings.exchange()) {
                    exchange(channel);
                } else {
                    sayGoodbye(channel);
                }
            }
            return new CheckReport(target.toString(), steps, Optional.empty());
        } catch (StepFailed failed) {
            return new CheckReport(target.toString(), steps, Optional.of(failed.diagnosis));
        } catch (IOException e) {
            // closing the socket failed after every step passed: nothing to report
            return new CheckReport(target.toString(), steps, Optional.empty());
        }
    }

    // ---- steps ----

    private InetAddress[] resolve() throws StepFailed {
        begin();
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            pass(DiagnosisCode.Step.RESOLVE, host + " -> " + Arrays.stream(addresses)
                    .map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
            return addresses;
        } catch (UnknownHostException e) {
            throw fail(DiagnosisCode.Step.RESOLVE, e.getMessage(), new Diagnosis(DiagnosisCode.UNKNOWN_HOST,
                    "cannot resolve host \"" + host + "\"", "check the host name"));
        }
    }

    private Socket connect(InetAddress[] addresses) throws StepFailed {
        begin();
        IOException last = null;
        InetSocketAddress lastAddress = null;
        for (InetAddress address : addresses) {
            lastAddress = new InetSocketAddress(address, port);
            Socket socket = new Socket();
            try {
                socket.connect(lastAddress, millis(settings.timeout()));
                pass(DiagnosisCode.Step.CONNECT, "connected to " + printable(lastAddress));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        String where = printable(lastAddress);
        if (last instanceof ConnectException && String.valueOf(last.getMessage()).contains("refused")) {
            throw fail(DiagnosisCode.Step.CONNECT, "refused by " + where, new Diagnosis(
                    DiagnosisCode.CONNECTION_REFUSED, "connection refused by " + where + ": nothing is listening there",
                    "is the server running, on this host and port?"));
        }
        if (last instanceof SocketTimeoutException) {
            throw fail(DiagnosisCode.Step.CONNECT, "no answer from " + where, new Diagnosis(
                    DiagnosisCode.CONNECT_TIMEOUT, "no answer from " + where + " within " + Words.seconds(settings.timeout()),
                    "check the address and port, and whether a firewall drops the connection"));
        }
        String problem = last instanceof NoRouteToHostException ? "no route to host " + where
                : "cannot connect to " + where + ": " + Failures.summary(last);
        throw fail(DiagnosisCode.Step.CONNECT, problem, new Diagnosis(DiagnosisCode.CONNECT_TIMEOUT, problem,
                "check the address and the network between here and there"));
    }

    private Socket tls(Socket tcp) throws StepFailed {
        begin();
        try {
            SSLContext context = settings.trust() != null ? settings.trust() : SSLContext.getDefault();
            SSLSocket socket = handshake(context, tcp, settings.verifyHostName(), settings.timeout());
            X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            String accepted = settings.exchange() ? "; server accepts " + acceptedProtocols() : "";
            pass(DiagnosisCode.Step.TLS, socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite()
                    + "; " + describe(leaf) + "; trusted" + (settings.verifyHostName() ? ", name matches" : "")
                    + accepted);
            return socket;
        } catch (SocketTimeoutException e) {
            if (speaksPlainHttp()) {
                throw fail(DiagnosisCode.Step.TLS, "no TLS answer; the port speaks plain HTTP", tlsNotSpoken());
            }
            throw fail(DiagnosisCode.Step.TLS, "no TLS answer within " + Words.seconds(settings.timeout()),
                    new Diagnosis(DiagnosisCode.HANDSHAKE_TIMEOUT, "connected to port " + port
                            + ", but no TLS handshake answer within " + Words.seconds(settings.timeout()),
                            "is this a TLS (wss) port? is the server overloaded?"));
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            throw fail(DiagnosisCode.Step.TLS, Failures.summary(e), diagnoseTls(e));
        }
    }

    private void upgrade(Socket channel) throws StepFailed {
        begin();
        String key = Base64.getEncoder().encodeToString(randomBytes(16));
        String request = "GET " + pathAndQuery() + " HTTP/1.1\r\n"
                + "Host: " + hostHeader() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "User-Agent: wsprobe-check\r\n\r\n";
        byte[] head;
        try {
            channel.setSoTimeout(millis(settings.timeout()));
            OutputStream out = channel.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            head = readResponseHead(channel.getInputStream());
        } catch (SocketTimeoutException e) {
            if (!secure && speaksTls()) {
                throw fail(DiagnosisCode.Step.HANDSHAKE, "no HTTP answer; the port speaks TLS", tlsExpected());
            }
            throw fail(DiagnosisCode.Step.HANDSHAKE, "no answer within " + Words.seconds(settings.timeout()),
                    new Diagnosis(DiagnosisCode.HANDSHAKE_TIMEOUT, "connected, but no handshake answer within "
                            + Words.seconds(settings.timeout()), "is this a WebSocket server? is it overloaded?"));
        } catch (IOException e) {
            if (!secure && speaksTls()) {
                throw fail(DiagnosisCode.Step.HANDSHAKE, "connection dropped; the port speaks TLS", tlsExpected());
            }
            if (secure && (rejectsClientCertificate(e) || requestsClientCertificate())) {
                // TLS 1.3: the server judges the client certificate after our side of the handshake is done,
                // and a server that refuses it may just close
                throw fail(DiagnosisCode.Step.TLS, "the server asked for a client certificate, then closed ("
                        + Failures.summary(e) + ")", clientCertificateRejected());
            }
            throw fail(DiagnosisCode.Step.HANDSHAKE, Failures.summary(e), new Diagnosis(
                    DiagnosisCode.CONNECTION_DROPPED, "the server dropped the connection during the upgrade ("
                    + Failures.summary(e) + ")", "look at the server's log; retrying"));
        }
        if (head.length == 0) {
            if (!secure && speaksTls()) {
                throw fail(DiagnosisCode.Step.HANDSHAKE, "closed without answer; the port speaks TLS", tlsExpected());
            }
            if (secure && requestsClientCertificate()) {
                // as above: a server refusing our client certificate closes without a word
                throw fail(DiagnosisCode.Step.TLS, "the server asked for a client certificate, then closed",
                        clientCertificateRejected());
            }
            throw fail(DiagnosisCode.Step.HANDSHAKE, "closed without answer", new Diagnosis(
                    DiagnosisCode.CONNECTION_DROPPED, "the server closed the connection without answering the upgrade",
                    "look at the server's log; retrying"));
        }
        if (!secure && isTlsRecord(head)) {
            throw fail(DiagnosisCode.Step.HANDSHAKE, "answered with a TLS record", tlsExpected());
        }
        String text = new String(head, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("HTTP/")) {
            throw fail(DiagnosisCode.Step.HANDSHAKE, "answer is not HTTP", new Diagnosis(DiagnosisCode.NOT_WEBSOCKET,
                    "the server at port " + port + " answered with something that is not HTTP",
                    "check the port: this is not a WebSocket server"));
        }
        String[] lines = text.split("\r\n");
        String statusLine = lines[0];
        int status = parseStatus(statusLine);
        Map<String, String> headers = headers(lines);
        if (status == 101) {
            String expected = acceptFor(key);
            if (!expected.equals(headers.get("sec-websocket-accept"))) {
                throw fail(DiagnosisCode.Step.HANDSHAKE, statusLine + " with a wrong Sec-WebSocket-Accept",
                        new Diagnosis(DiagnosisCode.NOT_WEBSOCKET, "the server switched protocols but its "
                                + "Sec-WebSocket-Accept is wrong", "the peer is not a conforming WebSocket server"));
            }
            pass(DiagnosisCode.Step.HANDSHAKE, statusLine.substring(statusLine.indexOf(' ') + 1)
                    + "; extensions: " + headers.getOrDefault("sec-websocket-extensions", "-")
                    + "; subprotocol: " + headers.getOrDefault("sec-websocket-protocol", "-")
                    + "; response headers: " + printable(headers));
            return;
        }
        throw fail(DiagnosisCode.Step.HANDSHAKE, statusLine + "; response headers: " + printable(headers),
                diagnoseStatus(status, statusLine, headers));
    }

    private void exchange(Socket channel) throws StepFailed {
        begin();
        boolean echo = target.getPath() != null && target.getPath().toLowerCase(Locale.ROOT).contains("echo");
        byte[] payload = ("wsprobe check " + Long.toHexString(RANDOM.nextLong())).getBytes(StandardCharsets.UTF_8);
        int expected = echo ? RawFrames.TEXT : RawFrames.PONG;
        try {
            OutputStream out = channel.getOutputStream();
            InputStream in = channel.getInputStream();
            RawFrames.write(out, echo ? RawFrames.TEXT : RawFrames.PING, payload);
            long sent = System.nanoTime();
            while (true) {
                RawFrames.Frame frame = RawFrames.read(in);
                if (frame.opcode() == RawFrames.CLOSE) {
                    Diagnosis closed = closeDiagnosis(frame.payload());
                    throw fail(DiagnosisCode.Step.WEBSOCKET, "the server closed: " + closed.cause(), closed);
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
            throw fail(DiagnosisCode.Step.WEBSOCKET, "no " + (echo ? "echo" : "pong") + " within "
                    + Words.seconds(settings.timeout()), new Diagnosis(DiagnosisCode.HANDSHAKE_TIMEOUT, "the connection "
                    + "opened but no " + (echo ? "echo" : "pong") + " came back within " + Words.seconds(settings.timeout()),
                    "is the server overloaded, or is this path not an echo endpoint?"));
        } catch (IOException e) {
            throw fail(DiagnosisCode.Step.WEBSOCKET, Failures.summary(e), new Diagnosis(
                    DiagnosisCode.CONNECTION_DROPPED, "the connection dropped without a close frame (1006)",
                    "look at the server's log; retrying"));
        }
    }

    // ---- what the peer speaks ----

    private boolean speaksTls() {
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(host, port), millis(CONFIRM_TIMEOUT));
            handshake(SslContexts.trustingAnything(), tcp, false, CONFIRM_TIMEOUT);
            return true;
        } catch (SSLException e) {
            // a TLS server that refuses us (client certificate wanted...) still answered in TLS
            return String.valueOf(e.getMessage()).contains("Received fatal alert");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Which of the versions wsprobe speaks (TLS 1.3, 1.2) the server accepts, one handshake each: the server's
     * protocol policy as a client can see it (older versions are refused by this JDK before they leave).
     */
    private String acceptedProtocols() {
        List<String> accepted = new ArrayList<>();
        for (String protocol : SslContexts.PROTOCOLS) {
            try (Socket tcp = new Socket()) {
                tcp.connect(new InetSocketAddress(host, port), millis(CONFIRM_TIMEOUT));
                SSLSocket socket = (SSLSocket) SslContexts.trustingAnything().getSocketFactory()
                        .createSocket(tcp, host, port, true);
                socket.setEnabledProtocols(new String[] {protocol});
                socket.setEnabledCipherSuites(SslContexts.cipherSuites(SslContexts.trustingAnything()));
                socket.setSoTimeout(millis(CONFIRM_TIMEOUT));
                socket.startHandshake();
                accepted.add(protocol);
            } catch (IOException | RuntimeException e) {
                // refused (or no answer): not accepted
            }
        }
        return accepted.isEmpty() ? "none of TLSv1.3, TLSv1.2" : String.join(", ", accepted);
    }

    /** Whether the server asks for a client certificate during the handshake (mutual TLS). */
    private boolean requestsClientCertificate() {
        boolean[] asked = new boolean[1];
        javax.net.ssl.X509ExtendedKeyManager recordOnly = new javax.net.ssl.X509ExtendedKeyManager() {
            @Override
            public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
                    javax.net.ssl.SSLEngine engine) {
                asked[0] = true;
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, Socket socket) {
                asked[0] = true;
                return null;
            }

            @Override
            public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, java.security.Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return null;
            }

            @Override
            public java.security.PrivateKey getPrivateKey(String alias) {
                return null;
            }
        };
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(host, port), millis(CONFIRM_TIMEOUT));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new javax.net.ssl.KeyManager[] {recordOnly},
                    new TrustManager[] {SslContexts.acceptingAnyCertificate()}, null);
            handshake(context, tcp, false, CONFIRM_TIMEOUT).close();
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            // what was recorded before the failure is the answer
        }
        return asked[0];
    }

    private boolean speaksPlainHttp() {
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(host, port), millis(CONFIRM_TIMEOUT));
            tcp.setSoTimeout(millis(CONFIRM_TIMEOUT));
            tcp.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: " + hostHeader() + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] start = tcp.getInputStream().readNBytes(5);
            return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    /** The server's certificate, fetched without trusting or checking it, to explain a TLS failure. */
    private X509Certificate peerCertificate() {
        X509Certificate[] seen = new X509Certificate[1];
        TrustManager recordOnly = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                seen[0] = chain[0];
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try (Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress(host, port), millis(CONFIRM_TIMEOUT));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recordOnly}, null);
            handshake(context, tcp, false, CONFIRM_TIMEOUT).close();
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            // whatever was seen before the failure is all there is
        }
        return seen[0];
    }

    private SSLSocket handshake(SSLContext context, Socket tcp, boolean verifyHostName, Duration timeout)
            throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(SslContexts.PROTOCOLS.toArray(new String[0]));
        parameters.setCipherSuites(SslContexts.cipherSuites(context)); // what send and load would offer
        if (verifyHostName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(millis(timeout));
        socket.startHandshake();
        return socket;
    }

    // ---- diagnoses ----

    private static boolean rejectsClientCertificate(Exception failure) {
        // only an alert the server sent counts: our own refusal of its certificate reads differently
        String message = Failures.summary(failure);
        return List.of("certificate_required", "bad_certificate", "unknown_ca", "certificate_unknown").stream()
                .anyMatch(alert -> message.contains("Received fatal alert: " + alert));
    }

    private static Diagnosis clientCertificateRejected() {
        return new Diagnosis(DiagnosisCode.CLIENT_CERTIFICATE_REJECTED, "the server requires a client certificate "
                + "(mutual TLS) and did not accept ours (or we sent none)",
                "pass --cert and --key (or --client-keystore) with a certificate issued by a CA the server trusts");
    }

    private Diagnosis diagnoseTls(Exception failure) {
        if (rejectsClientCertificate(failure)) {
            return clientCertificateRejected();
        }
        X509Certificate leaf = peerCertificate();
        String message = Failures.summary(failure);
        if (leaf == null) {
            if (message.contains("Unsupported or unrecognized SSL message") || speaksPlainHttp()) {
                return tlsNotSpoken();
            }
            return new Diagnosis(DiagnosisCode.TLS_FAILED, "the TLS handshake with port " + port + " failed: "
                    + message, "is this a TLS (wss) port?");
        }
        Instant now = Instant.now();
        String names = String.join(", ", names(leaf));
        if (leaf.getNotAfter().toInstant().isBefore(now)) {
            return new Diagnosis(DiagnosisCode.CERTIFICATE_EXPIRED, "certificate for " + names + " expired on "
                    + leaf.getNotAfter().toInstant(), "renew the server's certificate (or check this machine's clock)");
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            return new Diagnosis(DiagnosisCode.CERTIFICATE_NOT_YET_VALID, "certificate for " + names
                    + " is not valid before " + leaf.getNotBefore().toInstant(),
                    "check the clocks of this machine and of the server");
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return new Diagnosis(DiagnosisCode.HOST_NAME_MISMATCH, "certificate is for \"" + names
                    + "\" but you connected to \"" + host + "\"", "use a name the certificate covers");
        }
        if (message.contains("PKIX") || message.contains("certification path") || message.contains("trust anchor")
                || message.contains("signature check failed")) {
            boolean selfSigned = leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal());
            return new Diagnosis(DiagnosisCode.CERTIFICATE_UNTRUSTED, "server certificate for " + names
                    + " is not trusted (" + (selfSigned ? "self-signed" : "issued by "
                    + leaf.getIssuerX500Principal().getName() + ", an unknown CA") + ")",
                    "pass --cacert with its CA, or --insecure for testing only");
        }
        if ((message.contains("Broken pipe") || message.contains("Connection reset")) && requestsClientCertificate()) {
            // TLS 1.3: a server that refuses our certificate may close while we still write our side of the
            // handshake, so we see the closed socket, not its alert (more often when the server is quick)
            return clientCertificateRejected();
        }
        return new Diagnosis(DiagnosisCode.TLS_FAILED, "the TLS handshake failed: " + message,
                "compare the TLS versions and ciphers of both sides (wsprobe allows TLS 1.2 and 1.3)");
    }

    private Diagnosis diagnoseStatus(int status, String statusLine, Map<String, String> headers) {
        String answered = "the server answered HTTP " + status + " to the upgrade";
        if (status == 404) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": the path " + target.getPath()
                    + " does not exist", "check the path (known paths: /receive, /echo when the peer is wsprobe)");
        }
        if (status == 403) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": forbidden",
                    "the server refuses this client (an Origin or access rule?)");
        }
        if (status == 401) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": authentication required",
                    "this endpoint needs credentials");
        }
        if (status == 426) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": upgrade required (server wants "
                    + "Sec-WebSocket-Version " + headers.getOrDefault("sec-websocket-version", "?") + ")",
                    "the server speaks another WebSocket version than 13");
        }
        if (status >= 400 && status < 500) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + " (" + statusLine + ")",
                    "check the URL and what the server expects");
        }
        if (status >= 500) {
            return new Diagnosis(DiagnosisCode.HTTP_SERVER_ERROR, answered + " (" + statusLine + ")",
                    "the server has a problem or is full; look at its log");
        }
        if (status >= 300 && status < 400) {
            return new Diagnosis(DiagnosisCode.NOT_WEBSOCKET, answered + ": a redirect to "
                    + headers.getOrDefault("location", "(no Location)"), "use the redirect's target URL");
        }
        return new Diagnosis(DiagnosisCode.NOT_WEBSOCKET, "the server answered HTTP " + status
                + " without upgrading: this URL is not a WebSocket endpoint", "check the URL's path and port");
    }

    private Diagnosis tlsExpected() {
        return new Diagnosis(DiagnosisCode.TLS_EXPECTED, "the server at port " + port + " answered with TLS",
                "use wss:// instead of ws://");
    }

    private Diagnosis tlsNotSpoken() {
        return new Diagnosis(DiagnosisCode.TLS_NOT_SPOKEN, "the server at port " + port + " does not speak TLS",
                "use ws://, or point at its TLS port");
    }

    private static Diagnosis closeDiagnosis(byte[] closePayload) {
        int code = closePayload.length >= 2 ? ((closePayload[0] & 0xFF) << 8) | (closePayload[1] & 0xFF) : 1005;
        String reason = closePayload.length > 2
                ? new String(closePayload, 2, closePayload.length - 2, StandardCharsets.UTF_8) : "";
        return CloseDiagnoses.of(code, reason);
    }

    // ---- helpers ----

    private void begin() {
        stepStarted = System.nanoTime();
    }

    private void pass(DiagnosisCode.Step step, String detail) {
        steps.add(new CheckStep(step, true, Duration.ofNanos(System.nanoTime() - stepStarted), detail));
    }

    private StepFailed fail(DiagnosisCode.Step step, String detail, Diagnosis diagnosis) {
        steps.add(new CheckStep(step, false, Duration.ofNanos(System.nanoTime() - stepStarted), detail));
        return new StepFailed(diagnosis);
    }

    private void sayGoodbye(Socket channel) {
        try {
            byte[] normal = {0x03, (byte) 0xE8};
            RawFrames.write(channel.getOutputStream(), RawFrames.CLOSE, normal);
            channel.setSoTimeout(millis(CONFIRM_TIMEOUT));
            InputStream in = channel.getInputStream();
            while (RawFrames.read(in).opcode() != RawFrames.CLOSE) {
                // drain until the server's close answer
            }
        } catch (IOException e) {
            // the check's verdict does not depend on a polite goodbye
        }
    }

    private static byte[] readResponseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (head.size() < 16 * 1024) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            if (head.size() == 2 && isTlsRecord(head.toByteArray())) {
                break; // a TLS record: no point reading an HTTP head
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == end.length) {
                break;
            }
        }
        return head.toByteArray();
    }

    private static boolean isTlsRecord(byte[] start) {
        // content type 21 (alert) or 22 (handshake), then major version 3
        return start.length >= 2 && (start[0] == 0x15 || start[0] == 0x16) && start[1] == 0x03;
    }

    private static int parseStatus(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length >= 2 ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, String> headers(String[] lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String acceptFor(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + WEBSOCKET_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    private String pathAndQuery() {
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        return target.getRawQuery() == null ? path : path + "?" + target.getRawQuery();
    }

    private String hostHeader() {
        String name = host.contains(":") ? "[" + host + "]" : host;
        return target.getPort() == -1 ? name : name + ":" + port;
    }

    private static String describe(X509Certificate leaf) {
        return "certificate " + leaf.getSubjectX500Principal().getName() + ", names: " + String.join(", ", names(leaf))
                + ", issued by " + leaf.getIssuerX500Principal().getName() + ", valid until "
                + leaf.getNotAfter().toInstant();
    }

    /** The names a certificate covers: its subject alternative names, else its common name. */
    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> entry : certificate.getSubjectAlternativeNames()) {
                    int type = (Integer) entry.get(0);
                    if (type == 2 || type == 7) { // dNSName, iPAddress
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // fall back to the subject below
        }
        if (names.isEmpty()) {
            names.add(certificate.getSubjectX500Principal().getName());
        }
        return names;
    }

    private static String printable(Map<String, String> headers) {
        return headers.isEmpty() ? "-" : headers.entrySet().stream()
                .map(header -> header.getKey() + ": " + header.getValue()).collect(Collectors.joining(", "));
    }

    private static String printable(InetSocketAddress address) {
        if (address == null) {
            return "?";
        }
        String ip = address.getAddress().getHostAddress();
        return (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }


    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
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
