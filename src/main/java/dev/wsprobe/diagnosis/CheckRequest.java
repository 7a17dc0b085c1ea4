package dev.wsprobe.diagnosis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a check sends beyond the URL, as the other clients would (the shared client options, translated by
 * {@code dev.wsprobe.client.CheckRequest#checkRequest}; this package does not know that one, so that the WAR's
 * sender can diagnose without it).
 *
 * @param headers       request headers in order, the Origin among them when one is sent
 * @param subprotocols  offered, most preferred first
 * @param compress      offer permessage-deflate
 * @param proxy         the HTTP proxy to tunnel through, or null to connect directly
 * @param secretHeaders names (lower case) whose values are never shown
 * @param secretValues  values never shown wherever they appear (tokens, passwords)
 */
public record CheckRequest(List<Map.Entry<String, String>> headers, List<String> subprotocols, boolean compress,
        ProxyRoute proxy, Set<String> secretHeaders, List<String> secretValues) {
    public static final String MASK = "***";
    /** A plain upgrade, as wsprobe's clients sent it before the client options existed. */
    public static final CheckRequest NONE = new CheckRequest(List.of(), List.of(), false, null, Set.of(), List.of());

    /**
     * An HTTP proxy ({@code CONNECT host:port}).
     *
     * @param authorization the {@code Proxy-Authorization} value, or null for none
     * @param user          the proxy user, or null for none (for the words of a 407)
     * @param source        where it came from ({@code --proxy}, {@code HTTPS_PROXY}...)
     * @param shown         how it is named in a report (no password)
     */
    public record ProxyRoute(String host, int port, String authorization, String user, String source, String shown) {
        public ProxyRoute {
            Objects.requireNonNull(host, "host");
        }

        boolean hasCredentials() {
            return authorization != null;
        }
    }

    public CheckRequest {
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        secretHeaders = Set.copyOf(secretHeaders);
        secretValues = secretValues.stream().filter(Objects::nonNull).toList();
    }

    public CheckRequest withSubprotocols(List<String> offered) {
        return new CheckRequest(headers, offered, compress, proxy, secretHeaders, secretValues);
    }

    public CheckRequest withHeader(String name, String value) {
        List<Map.Entry<String, String>> more = new java.util.ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new CheckRequest(more, subprotocols, compress, proxy, secretHeaders, secretValues);
    }

    boolean sendsCredentials() {
        return headers.stream().anyMatch(header -> header.getKey().equalsIgnoreCase("Authorization"));
    }

    /** A header's value as a report may show it. */
    String shown(String name, String value) {
        return secretHeaders.contains(name.toLowerCase(Locale.ROOT)) ? MASK : scrub(value);
    }

    /** {@code text} with every secret value in it masked. */
    String scrub(String text) {
        String result = text;
        for (String secret : secretValues) {
            if (secret.length() >= 3) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }
}
