package dev.wsprobe.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shared client options' values: headers, secrets, proxies as curl reads them, slash commands. */
class ClientValuesTest {
    private static final URI WS = URI.create("ws://api.example.com:8080/socket");
    private static final URI WSS = URI.create("wss://api.example.com/socket");

    @Test
    void secretHeadersAreMaskedWhereverTheyArePrinted() {
        Header bearer = Header.parse("authorization:  Bearer abc.def");
        assertEquals("Bearer abc.def", bearer.value());
        assertEquals("authorization: ***", bearer.toString());
        assertEquals("Cookie: ***", Header.parse("Cookie: id=42").toString());
        assertEquals("Proxy-Authorization: ***", Header.parse("Proxy-Authorization: Basic eA==").toString());
        assertEquals("X-Trace: 7", Header.parse("X-Trace: 7").toString());
        ClientOptions options = ClientOptions.NONE.withHeader(bearer)
                .withProxy(Proxy.parse("http://me:s3cret@proxy:3128", "--proxy"));
        String printed = options.toString();
        assertFalse(printed.contains("abc.def") || printed.contains("s3cret"), printed);
        assertEquals("failed: *** refused, and ***", Secrets.scrub("failed: abc.def refused, and s3cret",
                options.secretValues()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NoColon|--header wants",
        "Bad Name: x|not a valid HTTP header name",
        "Host: example.com|written by the WebSocket handshake",
        "Sec-WebSocket-Key: abc|written by the WebSocket handshake",
        "Sec-WebSocket-Protocol: chat|-s/--subprotocol",
        "Sec-WebSocket-Extensions: permessage-deflate|--compress",
    })
    void badHeadersAreRefusedWithTheReason(String text, String reason) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> Header.parse(text));
        assertTrue(error.getMessage().contains(reason), error.getMessage());
    }

    @Test
    void aMalformedSecretHeaderIsNotEchoedBack() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Header.parse("Authorization"));
        assertTrue(error.getMessage().contains("Authorization"));
        IllegalArgumentException named = assertThrows(IllegalArgumentException.class,
                () -> Header.parse("Authorization: Bearer x\ny"));
        assertFalse(named.getMessage().contains("Bearer x"), named.getMessage());
    }

    @Test
    void proxyUrlsAsCurlTakesThem() {
        Proxy bare = Proxy.parse("proxy.corp:3128", "HTTPS_PROXY");
        assertEquals("http://proxy.corp:3128", bare.uri());
        assertFalse(bare.hasCredentials());
        assertEquals(1080, Proxy.parse("http://proxy.corp", "--proxy").port());
        Proxy withUser = Proxy.parse("http://us%40er:p%3Ass@[::1]:8080/", "--proxy");
        assertEquals("us@er", withUser.user());
        assertEquals("p:ss", withUser.password());
        assertEquals("http://[::1]:8080", withUser.uri());
        assertEquals("Basic dXNAZXI6cDpzcw==", withUser.authorization());
        assertThrows(IllegalArgumentException.class, () -> Proxy.parse("socks5://proxy:1080", "ALL_PROXY"));
        assertThrows(IllegalArgumentException.class, () -> Proxy.parse("http://proxy:0", "--proxy"));
    }

    @Test
    void theVariableFollowsTheSchemeLowerCaseFirstThenAllProxy() {
        Map<String, String> environment = Map.of("http_proxy", "http://lower:1", "HTTP_PROXY", "http://upper:2",
                "HTTPS_PROXY", "http://secure:3");
        assertEquals("lower", ProxyEnvironment.forTarget(WS, environment).orElseThrow().host());
        assertEquals("upper", ProxyEnvironment.forTarget(WS, Map.of("HTTP_PROXY", "http://upper:2"))
                .orElseThrow().host());
        assertEquals("secure", ProxyEnvironment.forTarget(WSS, environment).orElseThrow().host());
        assertEquals("all", ProxyEnvironment.forTarget(WSS, Map.of("ALL_PROXY", "http://all:4")).orElseThrow()
                .host());
        assertEquals(Optional.empty(), ProxyEnvironment.forTarget(WSS, Map.of("http_proxy", "http://plain:1")));
        assertEquals("environment variable https_proxy",
                ProxyEnvironment.forTarget(WSS, Map.of("https_proxy", "http://s:1")).orElseThrow().source());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "*|true",
        "example.com|true",
        ".example.com|true",
        "api.example.com:8080|true",
        "api.example.com:9090|false",
        "other.com, example.com|true",
        "ample.com|false",
        "localhost,127.0.0.1|false",
    })
    void noProxyListsHostsThatGoDirect(String noProxy, boolean direct) {
        assertEquals(direct, ProxyEnvironment.bypassed(WS, noProxy));
        assertEquals(direct ? Optional.empty() : Optional.of("p"), ProxyEnvironment.forTarget(WS,
                Map.of("HTTP_PROXY", "http://p:1", "NO_PROXY", noProxy)).map(Proxy::host));
    }

    @Test
    void noProxyMatchesLoopbackAddressesAndIpv6Literals() {
        assertTrue(ProxyEnvironment.bypassed(URI.create("ws://127.0.0.1:5/"), "localhost,127.0.0.1"));
        assertTrue(ProxyEnvironment.bypassed(URI.create("ws://[::1]:5/"), "::1"));
        assertTrue(ProxyEnvironment.bypassed(URI.create("wss://[::1]/"), "[::1]:443"));
    }

    @Test
    void subprotocolNamesMustBeTokens() {
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.NONE.withSubprotocols(List.of("a b")));
        assertThrows(IllegalArgumentException.class, () -> ClientOptions.NONE.withSubprotocols(List.of("")));
        assertEquals(List.of("graphql-transport-ws", "v1.stomp"),
                ClientOptions.NONE.withSubprotocols(List.of("graphql-transport-ws", "v1.stomp")).subprotocols());
    }

    @Test
    void slashCommands() {
        assertEquals(new SlashCommand(SlashCommand.Kind.TEXT, "hello", null, 0).text(),
                SlashCommand.parse("hello").text());
        assertEquals("/not a command", SlashCommand.parse("//not a command").text());
        assertEquals(SlashCommand.Kind.PING, SlashCommand.parse("/ping are you there").kind());
        assertEquals("are you there", SlashCommand.parse("/ping are you there").text());
        SlashCommand close = SlashCommand.parse("/close 4000 going home now");
        assertEquals(4000, close.code());
        assertEquals("going home now", close.text());
        assertEquals(1000, SlashCommand.parse("/close").code());
        assertArrayEquals(new byte[] {0x48, 0x69}, SlashCommand.parse("/binary 48 69").bytes());
        assertArrayEquals(new byte[] {0x48, 0x69}, SlashCommand.parse("/binary 0x48,0x69").bytes());
        assertEquals(SlashCommand.Kind.QUIT, SlashCommand.parse("/quit").kind());
        assertEquals(SlashCommand.Kind.HELP, SlashCommand.parse("/help").kind());
        for (String bad : List.of("/close 1006", "/close 2000", "/close abc", "/binary 4", "/binary zz", "/bogus")) {
            assertThrows(IllegalArgumentException.class, () -> SlashCommand.parse(bad), bad);
        }
    }
}
