package dev.wsprobe.standalone;

import jakarta.websocket.Extension;
import java.util.ArrayList;
import java.util.List;
import org.glassfish.tyrus.core.TyrusExtension;

/**
 * What server and client agreed for one connection's permessage-deflate (RFC 7692), as the server applies it;
 * {@link #parameters()} is the answer the client gets.
 *
 * @param serverNoContextTakeover the server compresses each message on its own
 * @param clientNoContextTakeover the client compresses each message on its own, so the server's inflater need not
 *                                outlive a message
 * @param serverMaxWindowBits     the server's window as answered, 0 when the answer does not say it (it is 15)
 * @param clientMaxWindowBits     the client's window limit as answered, 0 when the answer does not say it
 */
record DeflateAgreement(boolean serverNoContextTakeover, boolean clientNoContextTakeover, int serverMaxWindowBits,
        int clientMaxWindowBits) {
    static final String NAME = "permessage-deflate";

    /** The answer's parameters, in RFC 7692's order. */
    List<Extension.Parameter> parameters() {
        List<Extension.Parameter> answer = new ArrayList<>(4);
        if (serverNoContextTakeover) {
            answer.add(new TyrusExtension.TyrusParameter("server_no_context_takeover", null));
        }
        if (clientNoContextTakeover) {
            answer.add(new TyrusExtension.TyrusParameter("client_no_context_takeover", null));
        }
        if (serverMaxWindowBits > 0) {
            answer.add(new TyrusExtension.TyrusParameter("server_max_window_bits", Integer.toString(serverMaxWindowBits)));
        }
        if (clientMaxWindowBits > 0) {
            answer.add(new TyrusExtension.TyrusParameter("client_max_window_bits", Integer.toString(clientMaxWindowBits)));
        }
        return List.copyOf(answer);
    }

    /** {@code permessage-deflate; server_no_context_takeover; ...}, as the response header says it. */
    String header() {
        StringBuilder text = new StringBuilder(NAME);
        for (Extension.Parameter parameter : parameters()) {
            text.append("; ").append(parameter.getName());
            if (parameter.getValue() != null) {
                text.append('=').append(parameter.getValue());
            }
        }
        return text.toString();
    }
}
