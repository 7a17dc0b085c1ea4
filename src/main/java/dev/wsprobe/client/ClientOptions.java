package dev.wsprobe.client;

import dev.wsprobe.diagnosis.CheckRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a WebSocket client sends beyond the URL, shared by {@code connect}, {@code send}, {@code load} (and
 * {@code check}): request headers (authentication included), the Origin, the subprotocols it offers, the proxy
 * it tunnels through, whether it offers permessage-deflate. Immutable; secrets are masked by {@link #toString()}.
 *
 * @param headers      request headers in the order given; an {@code Authorization} header from a token or a
 *                     credentials file is one of them
 * @param origin       the {@code Origin} to send; null for the client's default; see {@link #sendOrigin}
 * @param sendOrigin   false for {@code --origin none}: no Origin header at all
 * @param subprotocols subprotocols to offer, most preferred first; empty for none
 * @param proxy        the HTTP proxy for this target, or null to connect directly
 * @param compress     offer permessage-deflate
 */
public record ClientOptions(List<Header> headers, String origin, boolean sendOrigin, List<String> subprotocols,
        Proxy proxy, boolean compress) {

    /** Nothing beyond the URL: what wsprobe's clients did before these options existed. */
    public static final ClientOptions NONE = new ClientOptions(List.of(), null, true, List.of(), null, false);

    public ClientOptions {
        headers = List.copyOf(headers);
        subprotocols = List.copyOf(subprotocols);
        for (String subprotocol : subprotocols) {
            if (subprotocol.isEmpty() || !subprotocol.chars().allMatch(c -> c > 32 && c < 127
                    && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0)) {
                throw new IllegalArgumentException("subprotocol \"" + subprotocol + "\" is not a valid name "
                        + "(letters, digits and -._~!#$&'*+^`| only)");
            }
        }
        if (!sendOrigin && origin != null) {
            throw new IllegalArgumentException("an Origin cannot be both given and turned off");
        }
    }

    public Optional<Proxy> proxyToUse() {
        return Optional.ofNullable(proxy);
    }

    public ClientOptions withProxy(Proxy newProxy) {
        return new ClientOptions(headers, origin, sendOrigin, subprotocols, newProxy, compress);
    }

    public ClientOptions withHeader(Header header) {
        List<Header> more = new ArrayList<>(headers);
        more.add(header);
        return new ClientOptions(more, origin, sendOrigin, subprotocols, proxy, compress);
    }

    public ClientOptions withSubprotocols(List<String> offered) {
        return new ClientOptions(headers, origin, sendOrigin, offered, proxy, compress);
    }

    /** Every secret value these options carry (header values, proxy credentials), for {@link Secrets#scrub}. */
    public List<String> secretValues() {
        List<String> secrets = new ArrayList<>();
        for (Header header : headers) {
            if (header.secret()) {
                secrets.add(header.value());
                int space = header.value().indexOf(' ');
                if (space > 0) {
                    secrets.add(header.value().substring(space + 1).trim()); // the token without its scheme
                }
            }
        }
        if (proxy != null && proxy.hasCredentials()) {
            secrets.add(proxy.password());
            secrets.add(proxy.authorization());
        }
        return secrets;
    }

    /**
     * The same for wsprobe's raw step-by-step check ({@code check}, and the diagnosis of a failed connection):
     * the Origin (when given) and the headers in order, the subprotocols, compression, the proxy, and what must
     * never be shown.
     */
    public CheckRequest checkRequest() {
        List<Map.Entry<String, String>> sent = new ArrayList<>();
        if (sendOrigin && origin != null) {
            sent.add(Map.entry("Origin", origin));
        }
        headers.forEach(header -> sent.add(Map.entry(header.name(), header.value())));
        CheckRequest.ProxyRoute route = proxy == null ? null : new CheckRequest.ProxyRoute(proxy.host(), proxy.port(),
                proxy.authorization(), proxy.user(), proxy.source(), proxy.toString());
        return new CheckRequest(sent, subprotocols, compress, route, Secrets.SECRET_HEADERS, secretValues());
    }

    /** One line for logs: headers with secrets masked, the proxy without its password. */
    @Override
    public String toString() {
        return "headers [" + headers.stream().map(Header::toString).collect(Collectors.joining(", ")) + "]"
                + ", origin " + (!sendOrigin ? "none" : origin == null ? "default" : origin)
                + ", subprotocols " + subprotocols + ", proxy " + (proxy == null ? "none" : proxy.toString())
                + ", compress " + compress;
    }

}
