package dev.wsprobe.diagnosis;


import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.wire.HttpHead;
import dev.wsprobe.wire.Tunnel;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** TLS on top of a connected socket, with wsprobe's protocol versions and cipher suites, as the check and its probes need it. */
final class TlsSockets {
    private TlsSockets() {
    }

    /** Runs the TLS handshake over {@code tcp} and returns the TLS socket (its timeout: {@code timeout}). */
    static SSLSocket handshake(SSLContext context, Socket tcp, CheckTarget target, boolean verifyHostName,
            Duration timeout) throws IOException {
        return handshake(context, tcp, target, verifyHostName, timeout, SslContexts.PROTOCOLS.toArray(new String[0]));
    }

    static SSLSocket handshake(SSLContext context, Socket tcp, CheckTarget target, boolean verifyHostName,
            Duration timeout, String[] protocols) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(tcp, target.host(), target.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(protocols);
        parameters.setCipherSuites(SslContexts.cipherSuites(context)); // what send and load would offer
        if (verifyHostName) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(millis(timeout));
        socket.startHandshake();
        return socket;
    }

    /** A new TCP connection to the target, for a probe. */
    static Socket connect(CheckTarget target, Duration timeout) throws IOException {
        return connect(target, null, timeout);
    }

    /** A new TCP connection to the target, through {@code proxy}'s tunnel when it is not null. */
    static Socket connect(CheckTarget target, CheckRequest.ProxyRoute proxy, Duration timeout) throws IOException {
        Socket tcp = new Socket();
        try {
            if (proxy == null) {
                tcp.connect(new InetSocketAddress(target.host(), target.port()), millis(timeout));
                return tcp;
            }
            tcp.connect(new InetSocketAddress(proxy.host(), proxy.port()), millis(timeout));
            tcp.setSoTimeout(millis(timeout));
            tcp.getOutputStream().write(Tunnel.request(target.authority(), proxy.authorization())
                    .getBytes(StandardCharsets.US_ASCII));
            HttpHead answer = HttpHead.read(tcp.getInputStream());
            if (!Tunnel.opened(answer)) {
                throw new IOException("the proxy answered " + answer.startLine());
            }
            return tcp;
        } catch (IOException | RuntimeException e) {
            tcp.close();
            throw e;
        }
    }

    /** A socket timeout in milliseconds: at least 1 (0 would mean forever). */
    static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }
}
