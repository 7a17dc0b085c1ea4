package dev.wsprobe.standalone;

import jakarta.websocket.Extension;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The server's side of RFC 7692 section 7.1 for one permessage-deflate offer: decline it, or accept it with the
 * parameters the server will really apply. An offer is declined when it is malformed (an unknown parameter, one
 * given twice, a value where none belongs, a window size that is not a decimal 8-15 without leading zeros) or
 * when it asks for what the server cannot do: the JDK's deflater always uses a 15-bit window, so
 * {@code server_max_window_bits} below 15 cannot be honoured. A declined offer leaves the client's next one to be
 * considered.
 */
final class DeflateNegotiation {
    private DeflateNegotiation() {
    }

    /** The agreement answering {@code offer} under {@code settings}, or empty when the offer must be declined. */
    static Optional<DeflateAgreement> answer(Extension offer, Compression settings) {
        if (!DeflateAgreement.NAME.equals(offer.getName())) {
            return Optional.empty();
        }
        boolean serverNoTakeover = false;
        boolean clientNoTakeover = false;
        int serverBits = 0;
        boolean clientBitsOffered = false;
        int clientBits = Compression.MAX_WINDOW_BITS;
        Set<String> seen = new HashSet<>();
        for (Extension.Parameter parameter : offer.getParameters()) {
            String name = parameter.getName();
            String value = parameter.getValue();
            if (!seen.add(name)) {
                return Optional.empty();
            }
            switch (name) {
                case "server_no_context_takeover" -> {
                    if (value != null) {
                        return Optional.empty();
                    }
                    serverNoTakeover = true;
                }
                case "client_no_context_takeover" -> {
                    if (value != null) {
                        return Optional.empty();
                    }
                    clientNoTakeover = true;
                }
                case "server_max_window_bits" -> {
                    serverBits = windowBits(value);
                    if (serverBits == 0) {
                        return Optional.empty();
                    }
                }
                case "client_max_window_bits" -> {
                    clientBitsOffered = true;
                    if (value != null) {
                        clientBits = windowBits(value);
                        if (clientBits == 0) {
                            return Optional.empty();
                        }
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        if (serverBits != 0 && serverBits < Compression.MAX_WINDOW_BITS) {
            return Optional.empty(); // the JDK's deflater cannot use a smaller window
        }
        // without context takeover by choice, the answer says so even when the offer did not ask (RFC 7692
        // 7.1.1.1 and 7.1.1.2 allow it); a client's own client_no_context_takeover is always taken up, so that the
        // server's inflater need not outlive a message
        boolean serverAnswer = serverNoTakeover || !settings.serverContextTakeover();
        boolean clientAnswer = clientNoTakeover || !settings.clientContextTakeover();
        // accepting server_max_window_bits means answering it (7.1.2.1): only 15 gets this far
        int serverBitsAnswer = serverBits;
        // client_max_window_bits may be answered only when offered (7.1.2.2), with at most the offered value
        int clientLimit = Math.min(clientBits, settings.clientMaxWindowBits());
        int clientBitsAnswer = clientBitsOffered && (clientLimit < Compression.MAX_WINDOW_BITS
                || clientBits < Compression.MAX_WINDOW_BITS) ? clientLimit : 0;
        return Optional.of(new DeflateAgreement(serverAnswer, clientAnswer, serverBitsAnswer, clientBitsAnswer));
    }

    /** A window size as RFC 7692 writes it (decimal 8-15, no leading zero); 0 when it is anything else. */
    static int windowBits(String value) {
        String digits = value == null ? "" : value.trim(); // Tyrus keeps the spaces after a header's last value
        if (!digits.matches("[1-9][0-9]?")) {
            return 0;
        }
        int bits = Integer.parseInt(digits);
        return bits >= Compression.MIN_WINDOW_BITS && bits <= Compression.MAX_WINDOW_BITS ? bits : 0;
    }
}
