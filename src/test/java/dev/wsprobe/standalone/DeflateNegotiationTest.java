package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.FirstOfferedSubprotocol;
import jakarta.websocket.Extension;
import java.util.List;
import java.util.Optional;
import org.glassfish.tyrus.core.TyrusExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RFC 7692 section 7.1 from the server's side, case by case: offers written as clients send them in
 * {@code Sec-WebSocket-Extensions} and parsed by Tyrus' own header parser, answers as the response header says them.
 */
class DeflateNegotiationTest {
    private static final Compression NO_TAKEOVER = Compression.ON.withServerContextTakeover(false)
            .withClientContextTakeover(false);
    private static final Compression TAKEOVER = Compression.ON.withServerContextTakeover(true)
            .withClientContextTakeover(true);
    /** The server's own context only: what {@link Compression#ON} does. */
    private static final Compression SERVER_ONLY = Compression.ON.withServerContextTakeover(false)
            .withClientContextTakeover(true);

    private static Extension offer(String header) {
        List<Extension> parsed = TyrusExtension.fromHeaders(List.of(header));
        assertEquals(1, parsed.size(), header);
        return parsed.get(0);
    }

    /** The answer's header text, or "declined". */
    private static String answer(String offerHeader, Compression settings) {
        return DeflateNegotiation.answer(offer(offerHeader), settings).map(DeflateAgreement::header)
                .orElse("declined");
    }

    /** {@code on}: both sides may keep their context; {@code off}: neither; {@code server}: the server does not. */
    @ParameterizedTest(name = "{0} (context takeover {1}) -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            permessage-deflate                                               | on  | permessage-deflate
            permessage-deflate                                               | off | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            permessage-deflate                                               | server | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_max_window_bits                       | on  | permessage-deflate
            permessage-deflate; client_max_window_bits                       | off | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            permessage-deflate; client_max_window_bits                       | server | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_no_context_takeover                   | server | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            permessage-deflate; server_no_context_takeover                   | on  | permessage-deflate; server_no_context_takeover
            permessage-deflate; client_no_context_takeover                   | on  | permessage-deflate; client_no_context_takeover
            permessage-deflate; server_no_context_takeover; client_no_context_takeover | on | permessage-deflate; server_no_context_takeover; client_no_context_takeover
            permessage-deflate; server_max_window_bits=15                    | on  | permessage-deflate; server_max_window_bits=15
            permessage-deflate; server_max_window_bits="15"                  | on  | permessage-deflate; server_max_window_bits=15
            permessage-deflate; client_max_window_bits=12                    | on  | permessage-deflate; client_max_window_bits=12
            permessage-deflate; client_max_window_bits=15                    | on  | permessage-deflate
            permessage-deflate; client_max_window_bits=8                     | off | permessage-deflate; server_no_context_takeover; client_no_context_takeover; client_max_window_bits=8
            x-webkit-deflate-frame                                           | on  | declined
            """)
    void offersAreAnsweredWithWhatTheServerApplies(String offer, String takeover, String expected) {
        Compression settings = switch (takeover) {
            case "on" -> TAKEOVER;
            case "server" -> SERVER_ONLY;
            default -> NO_TAKEOVER;
        };
        assertEquals(expected, answer(offer, settings));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "permessage-deflate; server_max_window_bits=14",
        "permessage-deflate; server_max_window_bits=8",
        "permessage-deflate; server_max_window_bits=10; client_max_window_bits"})
    void aSmallerServerWindowThanTheJdksIsDeclined(String offer) {
        assertEquals("declined", answer(offer, TAKEOVER));
        assertEquals("declined", answer(offer, NO_TAKEOVER), "even when the server would compress each message anew");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "permessage-deflate; server_max_window_bits",            // a value is required
        "permessage-deflate; server_max_window_bits=16",
        "permessage-deflate; server_max_window_bits=7",
        "permessage-deflate; server_max_window_bits=015",         // no leading zeros
        "permessage-deflate; server_max_window_bits=fifteen",
        "permessage-deflate; client_max_window_bits=16",
        "permessage-deflate; client_max_window_bits=7",
        "permessage-deflate; client_max_window_bits=; client_no_context_takeover", // (Tyrus reads a last "x=" as x)
        "permessage-deflate; server_no_context_takeover=1",       // takes no value
        "permessage-deflate; client_no_context_takeover=true",
        "permessage-deflate; client_max_window_bits; client_max_window_bits",
        "permessage-deflate; server_no_context_takeover; server_no_context_takeover",
        "permessage-deflate; x_unknown",
        "permessage-deflate; server_max_window_bits=15; mux"})
    void malformedOffersAreDeclined(String offer) {
        assertEquals("declined", answer(offer, TAKEOVER));
    }

    @Test
    void theClientWindowLimitIsAskedOnlyOfClientsThatOfferTheParameter() {
        Compression limited = TAKEOVER.withClientMaxWindowBits(10);
        assertEquals("permessage-deflate; client_max_window_bits=10",
                answer("permessage-deflate; client_max_window_bits", limited));
        assertEquals("permessage-deflate; client_max_window_bits=10",
                answer("permessage-deflate; client_max_window_bits=12", limited), "the smaller of the two");
        assertEquals("permessage-deflate; client_max_window_bits=9",
                answer("permessage-deflate; client_max_window_bits=9", limited), "the client's own is smaller");
        assertEquals("permessage-deflate", answer("permessage-deflate", limited),
                "a client that does not offer it cannot be asked (RFC 7692 7.1.2.2); the server inflates any window");
    }

    @Test
    void theFirstAcceptableOfferWinsAndTheExtensionIsChosenOnce() {
        List<Extension> installed = List.of(new PermessageDeflate(TAKEOVER, new ZlibPool(), 1000));
        List<Extension> offers = TyrusExtension.fromHeaders(List.of("permessage-deflate; server_max_window_bits=10, "
                + "permessage-deflate; x_bad, permessage-deflate; client_max_window_bits, permessage-deflate"));
        assertEquals(4, offers.size());
        List<Extension> chosen = new FirstOfferedSubprotocol().getNegotiatedExtensions(installed, offers);
        assertEquals(1, chosen.size(), chosen.toString());
        DeflateConnection connection = (DeflateConnection) chosen.get(0);
        assertEquals("permessage-deflate", connection.toString(), "the third offer, the first the server can honour");
        assertEquals(List.of(), connection.getParameters());

        assertTrue(new FirstOfferedSubprotocol().getNegotiatedExtensions(installed,
                TyrusExtension.fromHeaders(List.of("permessage-deflate; server_max_window_bits=9"))).isEmpty(),
                "nothing acceptable: no compression, the connection is still accepted by the caller");
    }

    @Test
    void eachAcceptedOfferGetsItsOwnConnectionState() {
        PermessageDeflate installed = new PermessageDeflate(NO_TAKEOVER, new ZlibPool(), 1000);
        Optional<Extension> first = installed.accept(offer("permessage-deflate"));
        Optional<Extension> second = installed.accept(offer("permessage-deflate"));
        assertTrue(first.isPresent() && second.isPresent());
        assertTrue(first.get() != second.get(), "one instance per connection");
        assertEquals("server_no_context_takeover", first.get().getParameters().get(0).getName());
    }
}
