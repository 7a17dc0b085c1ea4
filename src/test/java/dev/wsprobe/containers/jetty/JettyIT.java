package dev.wsprobe.containers.jetty;

import dev.wsprobe.containers.embedded.ServletContainerSuite;
import dev.wsprobe.containers.embedded.WarFiles;
import dev.wsprobe.containers.jetty.EmbeddedJetty;
import dev.wsprobe.testing.InteropPair;
import org.junit.jupiter.api.BeforeAll;

/** The endpoint suite against the built WAR in Jetty 12 (ee10), embedded, over http and https. */
class JettyIT extends ServletContainerSuite {
    @BeforeAll
    static void deploy() throws Exception {
        deployBuiltWar(new EmbeddedJetty(WarFiles.workDirectory("jetty"), PKI.serverIdentity("localhost", "127.0.0.1")),
                InteropPair.JDK_TO_WAR_ON_JETTY);
    }

    @Override
    protected String expectedVersionPrefix() {
        return "12.";
    }
}
