package dev.wsprobe.containers;

import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsSetupException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The certificate an application server presents on its TLS listener, fetched the way
 * {@code openssl s_client} shows it: one handshake that records the chain and trusts it for nothing else
 * (no data is sent on that connection). Tests then trust exactly that certificate, with host names checked.
 */
final class ServerCertificate {
    private ServerCertificate() {
    }

    static X509Certificate fetch(String host, int port) throws IOException, GeneralSecurityException {
        AtomicReference<X509Certificate[]> presented = new AtomicReference<>();
        SSLContext recordOnly = SSLContext.getInstance("TLS");
        recordOnly.init(null, new TrustManager[] {new Recorder(presented)}, null);
        try (SSLSocket socket = (SSLSocket) recordOnly.getSocketFactory().createSocket(host, port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        }
        X509Certificate[] chain = presented.get();
        if (chain == null || chain.length == 0) {
            throw new IOException("no certificate from " + host + ":" + port);
        }
        return chain[0];
    }

    /** A client context that trusts {@code certificate} and nothing else. */
    static SSLContext trustingOnly(X509Certificate certificate) throws TlsSetupException {
        return SslContexts.trusting(KeyStores.trustStoreOf(certificate));
    }

    /** Records what the server presents; used for the fetching handshake only. */
    private record Recorder(AtomicReference<X509Certificate[]> presented) implements X509TrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            presented.set(chain.clone());
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
