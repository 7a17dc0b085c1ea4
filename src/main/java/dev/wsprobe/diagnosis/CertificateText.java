package dev.wsprobe.diagnosis;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** A server certificate in the words a report uses. */
public final class CertificateText {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateText() {
    }

    /** {@code certificate CN=x, names: x, y, issued by CN=ca, valid until 2027-01-01T00:00:00Z}. */
    public static String describe(X509Certificate leaf) {
        return "certificate " + leaf.getSubjectX500Principal().getName() + ", names: " + String.join(", ", names(leaf))
                + ", issued by " + leaf.getIssuerX500Principal().getName() + ", valid until "
                + leaf.getNotAfter().toInstant();
    }

    /** The names a certificate covers: its DNS and IP subject alternative names, else its subject. */
    public static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> entry : certificate.getSubjectAlternativeNames()) {
                    int type = (Integer) entry.get(0);
                    if (type == DNS_NAME || type == IP_ADDRESS) {
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

    /** {@code self-signed}, or {@code issued by CN=x, an unknown CA}. */
    static String issuer(X509Certificate leaf) {
        return leaf.getSubjectX500Principal().equals(leaf.getIssuerX500Principal()) ? "self-signed"
                : "issued by " + leaf.getIssuerX500Principal().getName() + ", an unknown CA";
    }
}
