package dev.wsprobe.containers.jetty;

import dev.wsprobe.containers.embedded.EmbeddedSenderSuite;
import dev.wsprobe.containers.jetty.EmbeddedJetty;
import org.junit.jupiter.api.BeforeAll;

/** The configured WAR in Jetty 12 (ee10): its sender on the WAR's own scheduler and the server's WebSocket client. */
class JettySenderIT extends EmbeddedSenderSuite {
    @BeforeAll
    static void deploy() throws Exception {
        deployConfiguredWar("jetty-sender", (directory, pki) -> new EmbeddedJetty(directory,
                pki.serverIdentity("localhost", "127.0.0.1")));
    }
}
