package dev.wsprobe.containers.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.EndpointSuite;
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

    /** Starts the container and deploys the built WAR; call from the subclass' {@code @BeforeAll}. */
    protected static void deployBuiltWar(EmbeddedContainer container) throws Exception {
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
            assertEquals("text/plain;charset=UTF-8",
                    refused.handshake().headers().get("content-type").replace(" ", ""),
                    "headers " + refused.handshake().headers());
        }
    }
}
