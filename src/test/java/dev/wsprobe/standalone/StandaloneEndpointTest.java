package dev.wsprobe.standalone;

import dev.wsprobe.testing.EndpointSuite;
import dev.wsprobe.testing.TestedHost;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The endpoint suite against the standalone host (Tyrus on Grizzly) in this JVM: the cheap run of it. */
class StandaloneEndpointTest extends EndpointSuite {
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();

    @Override
    protected TestedHost host() {
        return TestServer.of(SERVER);
    }
}
