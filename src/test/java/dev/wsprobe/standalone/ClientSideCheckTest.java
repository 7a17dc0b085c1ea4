package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.client.Header;
import dev.wsprobe.diagnosis.CheckReport;
import dev.wsprobe.diagnosis.CheckStep;
import dev.wsprobe.diagnosis.ConnectionCheck;
import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.diagnosis.DiagnosisCode.Step;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.RetryPolicy;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JettyAuthServer;
import dev.wsprobe.testing.TestPki;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tyrus.StandaloneSender;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What the client side makes of a server as the user saw it: the sender's diagnosis sends the user's headers (a
 * token the user gave is not reported missing), and an {@code --insecure} check says what it let pass.
 */
class ClientSideCheckTest {
    @Test
    void theSendersDiagnosisSendsTheUsersTokenAndNamesWhatIsReallyMissing() throws Exception {
        String token = "tok-" + UUID.randomUUID();
        try (JettyAuthServer jetty = new JettyAuthServer(token)) {
            ClientOptions withToken = ClientOptions.NONE.withHeader(new Header("Authorization", "Bearer " + token));
            SenderOptions options = SenderOptions.defaults(jetty.ws()).withCount(1)
                    .withRetry(RetryPolicy.NEVER, SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT);
            try (StandaloneSender sender = new StandaloneSender(options, null, withToken, false)) {
                SenderResult result = sender.start().get(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                assertEquals(Kind.FAILED, result.finalState().kind());
                // a probe without the token would have got the 401 and said credentials were missing
                assertEquals(DiagnosisCode.SUBPROTOCOL_REQUIRED, result.finalState().diagnosis().code(),
                        result.finalState().toString());
                assertFalse(result.finalState().toString().contains(token));
            }
        }
    }

    @Test
    void anInsecureCheckSaysTheNameDoesNotMatchAndThatItLetItPass() throws Exception {
        TestPki pki = new TestPki();
        try (StandaloneServer tls = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withTls(0, pki.serverContext(pki.serverIdentity("example.test"))))) {
            URI target = URI.create("wss://localhost:" + tls.tlsPort().orElseThrow() + "/echo");
            CheckReport report = ConnectionCheck.run(target, new ConnectionCheck.Settings(
                    SslContexts.trustingAnything(), false, Duration.ofSeconds(5), true));
            assertTrue(report.ok(), report.toJson());
            CheckStep step = report.steps().stream().filter(s -> s.step() == Step.TLS).findFirst().orElseThrow();
            assertTrue(step.detail().contains("NOT checked (--insecure let it pass): not trusted by the JDK's CAs"),
                    step.detail());
            assertTrue(step.detail().contains("the name does NOT match localhost"), step.detail());
            assertFalse(step.detail().contains("trusted, name matches"), step.detail());
        }
    }
}
