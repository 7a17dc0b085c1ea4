package dev.wsprobe.containers.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.EchoCases;
import dev.wsprobe.testing.EndpointSuite;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.JdkEchoClient;
import dev.wsprobe.testing.JdkSocket;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.testing.TestedHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The endpoint suite against the built {@code target/wsprobe.war} deployed at {@code /wsprobe} in an embedded
 * servlet container (one per test class), plus what only a servlet container can get wrong: that it is the
 * version under test, the test page at the context root, and the page's own origin let through while the
 * handshake filter refuses others (which needs it in front of the container's own upgrade filter).
 */
public abstract class ServletContainerSuite extends EndpointSuite {
    protected static final String CONTEXT_PATH = "/wsprobe";
    protected static final TestPki PKI = new TestPki();

    private static EmbeddedContainer server;
    private static EmbeddedWar war;

    private static InteropPair pair;

    /**
     * Starts the container and deploys the built WAR; call from the subclass' {@code @BeforeAll}. The
     * interoperability cases it proves are recorded for docs/interop.md under {@code interopPair}.
     */
    protected static void deployBuiltWar(EmbeddedContainer container, InteropPair interopPair) throws Exception {
        pair = interopPair;
        InteropResults.startPair(pair);
        server = container;
        server.deploy(WarFiles.built(), CONTEXT_PATH);
        war = new EmbeddedWar(server, CONTEXT_PATH, PKI.trustingClientContext());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** The version this class is about, e.g. {@code 10.1.}: a class path mix-up fails loudly. */
    protected abstract String expectedVersionPrefix();

    @Override
    protected TestedHost host() {
        return war;
    }

    @Test
    void theServerIsTheVersionUnderTest() {
        assertTrue(server.version().startsWith(expectedVersionPrefix()),
                server.name() + " is not the version " + expectedVersionPrefix() + "* this class tests");
    }

    @Test
    void testPageIsServedAtTheContextRoot() throws Exception {
        HttpResponse<String> page = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(war.page()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), war.page() + " on " + server.name());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                "content type " + page.headers().map());
        assertTrue(page.body().contains("<title>wsprobe test page</title>"), "the test page: " + page.body());
    }

    @Test
    void thePagesOwnOriginConnectsAndAForeignOneIsRefusedByTheFilter() throws Exception {
        URI echo = war.ws("/echo");
        String own = "http://" + echo.getHost() + ":" + echo.getPort();
        try (RawWebSocket allowed = RawWebSocket.connect(echo, null, Map.of("Origin", own))) {
            assertEquals(101, allowed.handshake().status(), "the page's own origin " + own);
        }
        try (RawWebSocket refused = RawWebSocket.connect(echo, null, Map.of("Origin", "http://evil.test"))) {
            assertEquals(403, refused.handshake().status(), "a foreign page");
            // the filter's answer, not the container's: its one-line reason names the origin
            assertTrue("text/plain;charset=UTF-8".equalsIgnoreCase(
                    refused.handshake().headers().get("content-type").replace(" ", "")),
                    "headers " + refused.handshake().headers());
        }
    }

    /** docs/interop.md's rows for this container: frame-length boundaries, fragments and ping, ws and wss. */
    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void jdkClientInteroperatesWithTheWarInThisContainer(boolean secure) throws Exception {
        JdkEchoClient client = new JdkEchoClient(JdkSocket.connect(war.url(secure, "/echo"),
                secure ? war.clientTrust() : null));
        EchoCases.boundarySizes(client, pair, secure);
        EchoCases.fragments(client, pair, secure);
        EchoCases.ping(client, pair, secure);
        client.close(1000, "done");
    }
}
