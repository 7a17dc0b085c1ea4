package dev.wsprobe.server;

import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The endpoints' configurator (named in their annotations): accepts the client's first offered subprotocol,
 * whatever it is. The container creates it and it knows no server: a server that accepts only some
 * subprotocols ({@link Subprotocols}) has its host pass on only the offers it allows, so the first one seen
 * here is an allowed one.
 *
 * <p>Extensions: of the client's offers, in its order, the first offer of each installed extension that the
 * extension accepts. One that {@linkplain NegotiatingExtension negotiates} judges each offer itself and gives
 * the connection its own instance (the standalone host's permessage-deflate, with {@code --compression on}).
 * Any other (a container's own) is taken as installed for the first offer whose parameters it can honour: for a
 * permessage-deflate that always compresses with context takeover and a 15-bit window and answers a plain
 * {@code permessage-deflate} (Tyrus' deflate extension), an offer that requires otherwise
 * ({@code server_no_context_takeover}, or {@code server_max_window_bits} below 15) is declined, as RFC 7692 asks
 * of a server that cannot meet it. Everything else is the container's default.
 */
public class FirstOfferedSubprotocol extends ServerEndpointConfig.Configurator {
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested == null || requested.isEmpty() ? "" : requested.get(0);
    }

    @Override
    public List<Extension> getNegotiatedExtensions(List<Extension> installed, List<Extension> requested) {
        List<Extension> chosen = new ArrayList<>();
        for (Extension offer : requested) {
            Extension own = installed.stream().filter(candidate -> candidate.getName().equals(offer.getName()))
                    .findFirst().orElse(null);
            boolean already = chosen.stream().anyMatch(done -> done.getName().equals(offer.getName()));
            if (own == null || already) {
                continue;
            }
            if (own instanceof NegotiatingExtension negotiating) {
                negotiating.accept(offer).ifPresent(chosen::add);
            } else if (honoured(offer)) {
                // the installed extension, not the offer: the response names what the server does (a plain
                // permessage-deflate), not the client's parameters (Tyrus writes the chosen ones back as they are)
                chosen.add(own);
            }
        }
        return chosen;
    }

    /** True unless {@code offer} is a permessage-deflate offer asking the server for what it cannot do. */
    static boolean honoured(Extension offer) {
        if (!"permessage-deflate".equals(offer.getName())) {
            return true;
        }
        for (Extension.Parameter parameter : offer.getParameters()) {
            switch (parameter.getName()) {
                case "server_no_context_takeover":
                    return false;
                case "server_max_window_bits":
                    if (!"15".equals(parameter.getValue() == null ? null : parameter.getValue().trim())) {
                        return false;
                    }
                    break;
                case "client_max_window_bits", "client_no_context_takeover":
                    break;
                default:
                    return false; // unknown parameters make the offer invalid (RFC 7692 section 7)
            }
        }
        return true;
    }
}
