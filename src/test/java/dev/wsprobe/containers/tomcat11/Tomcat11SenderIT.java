package dev.wsprobe.containers.tomcat11;

import dev.wsprobe.containers.embedded.EmbeddedSenderSuite;
import dev.wsprobe.containers.tomcat.EmbeddedTomcat;
import org.junit.jupiter.api.BeforeAll;

/** The configured WAR in Apache Tomcat 11: its sender on the WAR's own scheduler and the server's WebSocket client. */
class Tomcat11SenderIT extends EmbeddedSenderSuite {
    @BeforeAll
    static void deploy() throws Exception {
        deployConfiguredWar("tomcat11-sender", (directory, pki) -> new EmbeddedTomcat(directory,
                pki.serverIdentity("localhost", "127.0.0.1")));
    }
}
