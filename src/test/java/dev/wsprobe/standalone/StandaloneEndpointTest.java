package dev.wsprobe.standalone;

import dev.wsprobe.testing.EndpointSuite;
import dev.wsprobe.testing.TestedHost;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The endpoint suite against the standalone host (Tyrus on Grizzly) in this JVM: the cheap run of it. */
class StandaloneEndpointTest extends EndpointSuite {
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Override
    protected TestedHost host() {
        return server;
    }
}
