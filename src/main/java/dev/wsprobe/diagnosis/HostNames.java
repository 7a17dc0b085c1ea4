package dev.wsprobe.diagnosis;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a certificate check that was turned off ({@code --insecure}) would have said: whether the certificate
 * covers the host name (RFC 6125: exact names, a wildcard for the leftmost label only, IP addresses only as IP
 * entries) and whether the JDK's default CAs trust it.
 */
final class HostNames {
    private HostNames() {
    }

    /** @param names the certificate's names as {@link CertificateText#names} lists them */
    static boolean covers(List<String> names, String host) {
        boolean ip = isIpLiteral(host);
        for (String name : names) {
            if (ip) {
                if (isIpLiteral(name) && sameAddress(name, host)) {
                    return true;
                }
            } else if (dnsMatches(name.toLowerCase(Locale.ROOT), host.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the JDK's default trust store accepts the chain. */
    static boolean trustedByDefaultCas(X509Certificate[] chain, String authType) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    x509.checkServerTrusted(chain, authType);
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        if (pattern.startsWith("*.")) {
            int dot = host.indexOf('.');
            return dot > 0 && host.substring(dot).equals(pattern.substring(1));
        }
        return pattern.equals(host);
    }

    private static boolean isIpLiteral(String text) {
        return text.contains(":") || text.matches("[0-9.]+");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
