package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.HttpHead;
import java.util.Arrays;
import java.util.List;

/**
 * What the upgrade agreed on, as the server's 101 says it.
 *
 * @param subprotocol the subprotocol chosen, or null for none
 * @param extensions  the extensions' names ({@code permessage-deflate}), parameters left out; empty for none
 */
public record Negotiated(String subprotocol, List<String> extensions) {
    public Negotiated {
        extensions = List.copyOf(extensions);
    }

    static Negotiated of(HttpHead switched) {
        String extensions = switched.header("sec-websocket-extensions");
        return new Negotiated(switched.header("sec-websocket-protocol"), extensions == null || extensions.isBlank()
                ? List.of() : Arrays.stream(extensions.split(",")).map(offer -> offer.split(";", 2)[0].trim())
                .filter(name -> !name.isEmpty()).toList());
    }

    boolean compressed() {
        return extensions.contains("permessage-deflate");
    }

    /** {@code subprotocol chat, extensions permessage-deflate}; "none" for either missing. */
    @Override
    public String toString() {
        return "subprotocol " + (subprotocol == null ? "none" : subprotocol) + ", extensions "
                + (extensions.isEmpty() ? "none" : String.join(", ", extensions));
    }
}
