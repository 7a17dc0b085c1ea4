package dev.wsprobe.diagnosis;


import dev.wsprobe.tls.SslContexts;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The extra connections a check makes to find out what the peer speaks. Each opens its own short connection,
 * waits at most {@link #CONFIRM_TIMEOUT}, and answers false (or null) when it learns nothing.
 */
final class PeerProbes implements PeerFacts {
    /** Confirming what a port speaks needs one round trip; a server that speaks it answers at once. */
    static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(2);

    private final CheckTarget target;
    /** Probes go where the client goes: through this proxy, or direct when null. */
    private final CheckRequest.ProxyRoute proxy;

    PeerProbes(CheckTarget target) {
        this(target, null);
    }

    PeerProbes(CheckTarget target, CheckRequest.ProxyRoute proxy) {
        this.target = target;
        this.proxy = proxy;
    }

    @Override
    public boolean speaksTls() {
        return speaksTls(CONFIRM_TIMEOUT);
    }

    /**
     * Plain HTTP and not TLS. Plain HTTP alone does not prove a wss:// URL wrong: some TLS servers (nginx) answer
     * a plain request on their TLS port with an HTTP 400. A TLS server answers a hello at once, hence the short wait.
     */
    boolean speaksOnlyPlainHttp() {
        return speaksPlainHttp() && !speaksTls(QUICK_TLS_TIMEOUT);
    }

    /** A TLS server answers a client hello in one round trip. */
    private static final Duration QUICK_TLS_TIMEOUT = Duration.ofSeconds(1);

    private boolean speaksTls(Duration timeout) {
        try (Socket tcp = TlsSockets.connect(target, proxy, timeout)) {
            TlsSockets.handshake(SslContexts.trustingAnything(), tcp, target, false, timeout);
            return true;
        } catch (SSLException e) {
            // a TLS server that refuses us (client certificate wanted...) still answered in TLS
            return JdkMessages.isAlertFromPeer(e);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Answers a plain HTTP request as a plain HTTP server does. An HTTP 400 does not count: it is how TLS ports
     * answer plain HTTP (nginx: "The plain HTTP request was sent to HTTPS port", Apache, Go, Caddy alike), while a
     * plain server answers this well-formed request with anything but 400. Counting it would turn a TLS port too
     * busy to finish a handshake within the probe's wait into "does not speak TLS", a diagnosis the sender never
     * retries.
     */
    @Override
    public boolean speaksPlainHttp() {
        try (Socket tcp = TlsSockets.connect(target, proxy, CONFIRM_TIMEOUT)) {
            tcp.setSoTimeout(TlsSockets.millis(CONFIRM_TIMEOUT));
            tcp.getOutputStream().write(("HEAD / HTTP/1.1\r\nHost: " + target.hostHeader()
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] statusLine = tcp.getInputStream().readNBytes("HTTP/1.1 400".length());
            String start = new String(statusLine, StandardCharsets.US_ASCII);
            return start.startsWith("HTTP/") && !start.endsWith(" 400");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean requestsClientCertificate() {
        ClientCertificateRequests recorder = new ClientCertificateRequests();
        try (Socket tcp = TlsSockets.connect(target, proxy, CONFIRM_TIMEOUT)) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {recorder}, new TrustManager[] {SslContexts.acceptingAnyCertificate()}, null);
            TlsSockets.handshake(context, tcp, target, false, CONFIRM_TIMEOUT).close();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // what was recorded before the failure is the answer
        }
        return recorder.asked();
    }

    @Override
    public X509Certificate certificate() {
        X509Certificate[] seen = new X509Certificate[1];
        TrustManager recordOnly = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // a client's trust manager is never asked this
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
        try (Socket tcp = TlsSockets.connect(target, proxy, CONFIRM_TIMEOUT)) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {recordOnly}, null);
            TlsSockets.handshake(context, tcp, target, false, CONFIRM_TIMEOUT).close();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // whatever was seen before the failure is all there is
        }
        return seen[0];
    }

    /**
     * Which of the versions wsprobe speaks (TLS 1.3, 1.2) the server accepts, one handshake each: the server's
     * protocol policy as a client can see it (older versions are refused by this JDK before they leave).
     */
    String acceptedProtocols() {
        List<String> accepted = new ArrayList<>();
        for (String protocol : SslContexts.PROTOCOLS) {
            try (Socket tcp = TlsSockets.connect(target, proxy, CONFIRM_TIMEOUT)) {
                TlsSockets.handshake(SslContexts.trustingAnything(), tcp, target, false, CONFIRM_TIMEOUT,
                        new String[] {protocol}).close();
                accepted.add(protocol);
            } catch (IOException | RuntimeException e) {
                // refused (or no answer): not accepted
            }
        }
        return accepted.isEmpty() ? "none of TLSv1.3, TLSv1.2" : String.join(", ", accepted);
    }
}
