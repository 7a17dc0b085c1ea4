package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.Extension;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which subprotocols and extension offers the server passes on, chooses and counts. */
class SubprotocolsTest {
    @Test
    void anyPassesEveryOfferOnAndTheFirstIsChosen() {
        List<String> offers = Subprotocols.offers(List.of("chat, json", "v2"));
        assertEquals(List.of("chat", "json", "v2"), offers);
        assertEquals(Optional.of("chat, json, v2"), Subprotocols.ANY.restrict(offers));
        assertEquals(Optional.empty(), Subprotocols.ANY.restrict(List.of()));
        assertEquals("chat", new FirstOfferedSubprotocol().getNegotiatedSubprotocol(List.of(), offers));
        assertEquals("", new FirstOfferedSubprotocol().getNegotiatedSubprotocol(List.of(), List.of()));
    }

    @Test
    void aListPassesOnlyItsNamesInTheClientsOrder() {
        Subprotocols allowed = Subprotocols.parse("json, chat");
        assertEquals(Optional.of("chat, json"), allowed.restrict(List.of("x", "chat", "json")));
        assertEquals(Optional.empty(), allowed.restrict(List.of("x")));
        assertTrue(allowed.refusal(List.of("x", "y")).orElseThrow().contains("none of the offered subprotocols x, y"));
        assertTrue(allowed.refusal(List.of()).orElseThrow().startsWith("no subprotocol offered"));
        assertFalse(allowed.refusal(List.of("chat")).isPresent());
    }

    @Test
    void namesMustBeTokens() {
        assertThrows(IllegalArgumentException.class, () -> Subprotocols.parse("chat,bad name"));
        assertThrows(IllegalArgumentException.class, () -> Subprotocols.parse("chat,"));
        assertEquals(List.of("a", "b"), Subprotocols.parse("a,b,a").allowed());
        assertTrue(Subprotocols.parse(" ").any());
    }

    @Test
    void thePolicyRefusesAnUpgradeOfferingNoneOfTheListWith400() {
        HandshakePolicy policy = new HandshakePolicy(ServerConfig.DEFAULT.withSubprotocols(Subprotocols.of("chat")));
        Map<String, String> headers = Map.of("Host", "localhost:1", "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key",
                "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        HandshakePolicy.OpenConnections none = new HandshakePolicy.OpenConnections() {
            @Override
            public int total() {
                return 0;
            }

            @Override
            public int from(String peer) {
                return 0;
            }
        };
        HandshakePolicy.Request other = new HandshakePolicy.Request("GET", "/echo", "::1", headers::get, null,
                List.of("graphql-ws"));
        HandshakeRefusal refusal = policy.check(other, none).orElseThrow();
        assertEquals(400, refusal.status());
        assertTrue(refusal.reason().contains("this server accepts chat"), refusal.reason());
        HandshakePolicy.Request chat = new HandshakePolicy.Request("GET", "/echo", "::1", headers::get, null,
                List.of("graphql-ws, chat"));
        assertTrue(policy.check(chat, none).isEmpty());
        assertEquals(Optional.of("chat"), policy.passedSubprotocols(chat));
    }

    @Test
    void countsAreBoundedWhateverClientsOffer() {
        SubprotocolCounts counts = new SubprotocolCounts(Subprotocols.ANY);
        for (int i = 0; i < 100; i++) {
            counts.chosen("p" + i);
        }
        counts.chosen("");
        counts.chosen(null);
        Map<String, Long> snapshot = counts.snapshot();
        assertEquals(SubprotocolCounts.MAX_NAMES + 1, snapshot.size(), snapshot.toString());
        assertEquals(100, snapshot.values().stream().mapToLong(Long::longValue).sum());
        assertEquals(100 - SubprotocolCounts.MAX_NAMES, snapshot.get(SubprotocolCounts.OTHERS));
    }

    @Test
    void deflateOffersAreAcceptedOnlyWithParametersTheServerHonours() {
        assertTrue(FirstOfferedSubprotocol.honoured(deflate()));
        assertTrue(FirstOfferedSubprotocol.honoured(deflate("client_max_window_bits", null)));
        assertTrue(FirstOfferedSubprotocol.honoured(deflate("client_max_window_bits", "10")));
        assertTrue(FirstOfferedSubprotocol.honoured(deflate("client_no_context_takeover", null)));
        assertTrue(FirstOfferedSubprotocol.honoured(deflate("server_max_window_bits", "15")));
        assertFalse(FirstOfferedSubprotocol.honoured(deflate("server_no_context_takeover", null)));
        assertFalse(FirstOfferedSubprotocol.honoured(deflate("server_max_window_bits", "10")));
        assertFalse(FirstOfferedSubprotocol.honoured(deflate("x_unknown", null)));

        List<Extension> installed = List.of(deflate());
        List<Extension> chosen = new FirstOfferedSubprotocol().getNegotiatedExtensions(installed,
                List.of(deflate("server_no_context_takeover", null), deflate("client_max_window_bits", null),
                        deflate()));
        assertEquals(List.of(installed.get(0)), chosen, "the installed extension once, for the first offer it can "
                + "honour: the response names no parameter the server does not apply");
        assertTrue(new FirstOfferedSubprotocol().getNegotiatedExtensions(installed,
                List.of(deflate("server_no_context_takeover", null))).isEmpty(), "no offer it can honour");
        assertTrue(new FirstOfferedSubprotocol().getNegotiatedExtensions(List.of(), List.of(deflate())).isEmpty(),
                "nothing installed, nothing chosen");
    }

    private static Extension deflate(String... nameValue) {
        List<Extension.Parameter> parameters = new java.util.ArrayList<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            String name = nameValue[i];
            String value = nameValue[i + 1];
            parameters.add(new Extension.Parameter() {
                @Override
                public String getName() {
                    return name;
                }

                @Override
                public String getValue() {
                    return value;
                }
            });
        }
        return new Extension() {
            @Override
            public String getName() {
                return "permessage-deflate";
            }

            @Override
            public List<Parameter> getParameters() {
                return parameters;
            }
        };
    }
}
