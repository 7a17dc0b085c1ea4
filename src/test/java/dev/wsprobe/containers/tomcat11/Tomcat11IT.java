package dev.wsprobe.containers.tomcat11;

import dev.wsprobe.containers.embedded.ServletContainerSuite;
import dev.wsprobe.containers.embedded.WarFiles;
import dev.wsprobe.containers.tomcat.EmbeddedTomcat;
import dev.wsprobe.testing.InteropPair;
import org.junit.jupiter.api.BeforeAll;

/** The endpoint suite against the built WAR in Apache Tomcat 11, embedded, over http and https. */
class Tomcat11IT extends ServletContainerSuite {
    @BeforeAll
    static void deploy() throws Exception {
        deployBuiltWar(new EmbeddedTomcat(WarFiles.workDirectory("tomcat11"), PKI.serverIdentity("localhost", "127.0.0.1")),
                InteropPair.JDK_TO_WAR_ON_TOMCAT11);
    }

    @Override
    protected String expectedVersionPrefix() {
        return "11.0.";
    }
}
