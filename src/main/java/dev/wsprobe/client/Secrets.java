package dev.wsprobe.client;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * The one place that decides what is a secret and how it is hidden. {@code Authorization},
 * {@code Proxy-Authorization} and {@code Cookie} values (and a server's {@code Set-Cookie}) are never printed: not in logs, {@code --verbose},
 * {@code --json}, diagnoses or exception messages; they become {@value #MASK}.
 */
public final class Secrets {
    public static final String MASK = "***";
    /** The headers whose values are secrets, lower case. */
    public static final Set<String> SECRET_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie");

    private Secrets() {
    }

    public static boolean isSecret(String headerName) {
        return SECRET_HEADERS.contains(headerName.trim().toLowerCase(Locale.ROOT));
    }

    /** The value itself, or {@value #MASK} when the header is a secret one. */
    public static String mask(String headerName, String value) {
        return isSecret(headerName) ? MASK : value;
    }

    /** A header line as typed ({@code Name: value}) with a secret value masked. */
    public static String maskHeaderText(String text) {
        int colon = text.indexOf(':');
        return colon > 0 && isSecret(text.substring(0, colon)) ? text.substring(0, colon) + ": " + MASK : text;
    }

    /**
     * {@code text} with every occurrence of any of {@code secrets} replaced by {@value #MASK}: for messages that
     * come from elsewhere (a library's exception, a server's close reason) and may quote a secret.
     */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    /** A URI's text without its {@code user:password@} part. */
    public static String withoutUserInfo(java.net.URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri.toString();
        }
        return uri.toString().replace(uri.getRawUserInfo() + "@", MASK + "@");
    }
}
