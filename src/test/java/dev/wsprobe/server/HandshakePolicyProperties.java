package dev.wsprobe.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The handshake policy on requests no one would write by hand (jqwik): any method, any header value, any header
 * missing. Whatever comes, the policy decides: empty or a refusal with one of its statuses, never an exception,
 * and a reason that fits on the status line it becomes ({@code HandshakeGate} writes it as the reason phrase).
 * Tries per property: {@code jqwik.tries.default} (pom; {@code -Djqwik.tries.default=100000} for a long run).
 */
class HandshakePolicyProperties {
    private static final Set<Integer> STATUSES = Set.of(400, 403, 405, 426, 429, 503);
    private static final List<String> HEADERS = List.of("Host", "Upgrade", "Connection", "Sec-WebSocket-Key",
            "Sec-WebSocket-Version", "Origin");

    /** Anything at all, from the whole of Unicode, control characters and line ends included. */
    private static Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.oneOf(Arbitraries.of("GET", "POST", "get", "HEAD", "CONNECT", "", "GET "), anyText());
    }

    /** Each header missing (null), plausible, or anything. */
    @Provide
    Arbitrary<Map<String, String>> headers() {
        Map<String, Arbitrary<String>> plausible = Map.of(
                "Host", Arbitraries.of("localhost:12345", "127.0.0.1", "[::1]:80", ""),
                "Upgrade", Arbitraries.of("websocket", "WebSocket", "h2c, websocket", ""),
                "Connection", Arbitraries.of("Upgrade", "keep-alive, Upgrade", "upgrade", "close", ","),
                "Sec-WebSocket-Key", Arbitraries.of("dGhlIHNhbXBsZSBub25jZQ==", " dGhlIHNhbXBsZSBub25jZQ== ",
                        "c2hvcnQ=", "====", "AAAAAAAAAAAAAAAAAAAAAA=="),
                "Sec-WebSocket-Version", Arbitraries.of("13", " 13", "8", "13, 8", ""),
                "Origin", Arbitraries.of("http://localhost:12345", "null", "http://evil.test", "*", ""));
        Arbitrary<Map<String, String>> result = Arbitraries.just(Map.of());
        for (String name : HEADERS) {
            Arbitrary<String> value = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(2, Arbitraries.just((String) null)),
                    net.jqwik.api.Tuple.of(5, plausible.get(name)),
                    net.jqwik.api.Tuple.of(3, anyText()));
            result = Combinators.combine(result, value).as((so, next) -> {
                Map<String, String> more = new HashMap<>(so);
                more.put(name, next); // null: the header is missing
                return more;
            });
        }
        return result;
    }

    @Provide
    Arbitrary<ServerConfig> configs() {
        Arbitrary<AllowedOrigins> origins = Arbitraries.of(AllowedOrigins.SAME_ORIGIN_ONLY,
                AllowedOrigins.parse("*"), AllowedOrigins.parse("http://evil.test,null"));
        Arbitrary<ConnectionLimits> limits = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3))
                .as((max, perPeer) -> new ConnectionLimits(max, perPeer, Duration.ofSeconds(10)));
        return Combinators.combine(origins, limits).as((allowed, limit) ->
                ServerConfig.DEFAULT.withAllowedOrigins(allowed).withLimits(limit));
    }

    private static Optional<HandshakeRefusal> decide(ServerConfig config, String method, Map<String, String> headers,
            String peer, int open) {
        Map<String, String> byLowerCase = new HashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                byLowerCase.put(name.toLowerCase(Locale.ROOT), value);
            }
        });
        HandshakePolicy.OpenConnections connections = new HandshakePolicy.OpenConnections() {
            @Override
            public int total() {
                return open;
            }

            @Override
            public int from(String address) {
                return open;
            }
        };
        return new HandshakePolicy(config).check(new HandshakePolicy.Request(method, "/echo", peer,
                name -> byLowerCase.get(name.toLowerCase(Locale.ROOT))), connections);
    }

    @Property
    void anyRequestGetsADecisionAndARefusalFitsOnItsStatusLine(@ForAll("configs") ServerConfig config,
            @ForAll("methods") String method, @ForAll("headers") Map<String, String> headers,
            @ForAll("peers") String peer, @ForAll("open") int open) {
        Optional<HandshakeRefusal> decision = decide(config, method, headers, peer, open);
        if (decision.isEmpty()) {
            return;
        }
        HandshakeRefusal refusal = decision.get();
        assertTrue(STATUSES.contains(refusal.status()), "status " + refusal.status());
        assertFalse(refusal.reason().isBlank(), "a refusal says why");
        assertTrue(refusal.reason().chars().noneMatch(c -> c < 0x20 || c == 0x7F),
                "the reason phrase must be one line of text: " + refusal.reason().replace("\r", "\\r")
                        .replace("\n", "\\n"));
        assertTrue(refusal.reason().length() <= 1024, "a reason of " + refusal.reason().length() + " characters");
        assertTrue(refusal.body().endsWith("\n"));
        refusal.headers().forEach((name, value) -> assertNotNull(value, name));
    }

    @Property
    void anythingButGetIs405WithAllowGet(@ForAll("methods") String method,
            @ForAll("headers") Map<String, String> headers) {
        Optional<HandshakeRefusal> decision = decide(ServerConfig.DEFAULT, method, headers, "127.0.0.1", 0);
        if ("GET".equals(method)) {
            assertTrue(decision.map(refusal -> refusal.status() != 405).orElse(true));
        } else {
            assertEquals(405, decision.orElseThrow().status());
            assertEquals(Map.of("Allow", "GET"), decision.get().headers());
        }
    }

    @Property
    void aCompleteUpgradeFromAnAllowedPageIsLetThrough(@ForAll("plausibleHosts") String host,
            @ForAll("open") int open) {
        Map<String, String> headers = Map.of("Host", host, "Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13");
        assertEquals(Optional.empty(), decide(ServerConfig.DEFAULT.withLimits(
                new ConnectionLimits(0, 0, Duration.ofSeconds(10))), "GET", headers, "127.0.0.1", open));
    }

    @Provide
    Arbitrary<String> peers() {
        return Arbitraries.oneOf(Arbitraries.of("127.0.0.1", "::1", ""), anyText());
    }

    @Provide
    Arbitrary<Integer> open() {
        return Arbitraries.integers().between(0, 5);
    }

    @Provide
    Arbitrary<String> plausibleHosts() {
        return Arbitraries.oneOf(Arbitraries.of("localhost:12345", "127.0.0.1"), anyText());
    }
}
