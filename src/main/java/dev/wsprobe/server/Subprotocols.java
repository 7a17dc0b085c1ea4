package dev.wsprobe.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which subprotocols ({@code Sec-WebSocket-Protocol}) the endpoints accept. {@link #ANY}, the default: the
 * client's first offer, whatever it is (strict clients refuse a 101 that names none of their offers). A list
 * ({@code --subprotocols chat,json}): only those; an upgrade that offers none of them is refused with 400, and
 * of the client's offers the first one on the list is chosen.
 *
 * <p>How the list reaches the negotiation: an annotated endpoint's configurator is created by the container
 * and knows no server, so the hosts pass on to their WebSocket implementation only the offers the list allows
 * (they rewrite the request's {@code Sec-WebSocket-Protocol} header: {@link #restrict}), and the endpoints'
 * configurator chooses the first offer it sees.
 */
public final class Subprotocols {
    /** Any offer is accepted: the client's first. */
    public static final Subprotocols ANY = new Subprotocols(List.of());
    /** An RFC 7230 token: what a subprotocol name may be. */
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private final List<String> allowed;

    private Subprotocols(List<String> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** {@code chat,json}; empty or blank for {@link #ANY}. */
    public static Subprotocols parse(String list) {
        if (list == null || list.isBlank()) {
            return ANY;
        }
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String name : list.split(",", -1)) {
            String trimmed = name.trim();
            if (!TOKEN.matcher(trimmed).matches()) {
                throw new IllegalArgumentException("'" + trimmed + "' is not a subprotocol name (letters, digits and "
                        + "!#$%&'*+.^_`|~- only); write e.g. chat,json.v1");
            }
            names.add(trimmed);
        }
        return new Subprotocols(new ArrayList<>(names));
    }

    public static Subprotocols of(String... names) {
        return parse(String.join(",", names));
    }

    /** True when any offer is accepted. */
    public boolean any() {
        return allowed.isEmpty();
    }

    /** The names accepted, in the configured order; empty for {@link #ANY}. */
    public List<String> allowed() {
        return allowed;
    }

    /** The offers in one or more {@code Sec-WebSocket-Protocol} header values, in order. */
    public static List<String> offers(List<String> headerValues) {
        List<String> offers = new ArrayList<>();
        for (String value : headerValues) {
            if (value != null) {
                Arrays.stream(value.split(",")).map(String::trim).filter(name -> !name.isEmpty()).forEach(offers::add);
            }
        }
        return offers;
    }

    /**
     * The offers the host passes on, as one header value: all of them for {@link #ANY} (empty when the client
     * offered none), else those on the list, in the client's order; empty when none of them is allowed.
     */
    public Optional<String> restrict(List<String> offers) {
        List<String> passed = any() ? offers : offers.stream().filter(allowed::contains).toList();
        return passed.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", passed));
    }

    /** Why an upgrade with {@code offers} is refused, or empty when it may go on. */
    Optional<String> refusal(List<String> offers) {
        if (any() || restrict(offers).isPresent()) {
            return Optional.empty();
        }
        return Optional.of((offers.isEmpty() ? "no subprotocol offered" : "none of the offered subprotocols "
                + String.join(", ", offers) + " is accepted") + "; this server accepts " + describe()
                + " (offer one in Sec-WebSocket-Protocol)");
    }

    /** {@code any (the client's first offer)} or {@code chat, json}, for the start-up line. */
    public String describe() {
        return any() ? "any (the client's first offer)" : String.join(", ", allowed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subprotocols that && allowed.equals(that.allowed);
    }

    @Override
    public int hashCode() {
        return allowed.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
