package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.wire.HttpHead;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The way through an HTTP proxy: its answer to CONNECT, with and without proxy credentials. */
class ProxyFailuresTest {
    private static final CheckRequest.ProxyRoute OPEN = new CheckRequest.ProxyRoute("127.0.0.1", 3128, null, null,
            "--proxy", "http://127.0.0.1:3128 from --proxy");
    private static final CheckRequest.ProxyRoute WITH_USER = new CheckRequest.ProxyRoute("127.0.0.1", 3128,
            "Basic cHJvYmU6cHctc2VjcmV0", "probe", "--proxy", "http://127.0.0.1:3128 (user probe, password ***)");

    @ParameterizedTest(name = "{0} (credentials: {1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        HTTP/1.1 407 Proxy Authentication Required | false | PROXY_AUTH_REQUIRED      | the proxy answered HTTP 407 to CONNECT example.test:443: it wants credentials (Basic)
        HTTP/1.1 407 Proxy Authentication Required | true  | PROXY_AUTH_REQUIRED      | the proxy answered HTTP 407 to CONNECT example.test:443: it refused the credentials sent (user probe)
        HTTP/1.1 403 Access violation              | false | PROXY_REFUSED            | the proxy answered HTTP 403 to CONNECT example.test:443: it does not allow this tunnel
        HTTP/1.1 502 Bad Gateway                   | false | PROXY_TARGET_UNREACHABLE | the proxy answered HTTP 502 to CONNECT example.test:443: the proxy could not reach the server (HTTP/1.1 502 Bad Gateway)
        HTTP/1.1 504 Gateway Timeout               | false | PROXY_TARGET_UNREACHABLE | the proxy answered HTTP 504 to CONNECT example.test:443: the proxy could not reach the server (HTTP/1.1 504 Gateway Timeout)
        HTTP/1.1 500 Unable to connect             | false | PROXY_TARGET_UNREACHABLE | the proxy answered HTTP 500 to CONNECT example.test:443: the proxy could not reach the server (HTTP/1.1 500 Unable to connect)
        HTTP/1.1 405 Method Not Allowed            | false | PROXY_REFUSED            | the proxy answered HTTP 405 to CONNECT example.test:443 (HTTP/1.1 405 Method Not Allowed)
        """)
    void eachRefusalOfTheTunnelGetsItsCode(String statusLine, boolean credentials, DiagnosisCode code, String cause) {
        String raw = statusLine + "\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n\r\n";
        StepFailure failure = ProxyFailures.answer(HttpHead.parse(raw.getBytes(StandardCharsets.ISO_8859_1)),
                "example.test:443", credentials ? WITH_USER : OPEN).orElseThrow();
        assertEquals(DiagnosisCode.Step.CONNECT, failure.step());
        assertEquals(code, failure.diagnosis().code());
        assertEquals(cause, failure.diagnosis().cause());
        assertFalse(failure.diagnosis().toString().contains("pw-secret"));
    }

    @Test
    void anyTwoHundredOpensTheTunnel() {
        byte[] raw = "HTTP/1.0 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.empty(), ProxyFailures.answer(HttpHead.parse(raw), "example.test:443", OPEN));
    }

    @Test
    void aProxyNobodyListensOnIsUnreachable() {
        StepFailure failure = ProxyFailures.unreachable(new ConnectException("Connection refused"), "127.0.0.1:3128",
                OPEN, Duration.ofSeconds(5));
        assertEquals(DiagnosisCode.PROXY_UNREACHABLE, failure.diagnosis().code());
        assertEquals("cannot reach the proxy 127.0.0.1:3128 (from --proxy): connection refused: nothing is listening "
                + "there", failure.diagnosis().cause());
        assertTrue(failure.diagnosis().fix().contains("--no-proxy"));
        assertTrue(failure.diagnosis().isTransient());
    }

    @Test
    void anUnknownProxyHostIsUnreachableToo() {
        assertEquals(DiagnosisCode.PROXY_UNREACHABLE, ProxyFailures.unknownHost(new CheckRequest.ProxyRoute(
                "proxy.invalid", 3128, null, null, "HTTPS_PROXY", "http://proxy.invalid:3128"), "proxy.invalid").diagnosis().code());
    }
}
