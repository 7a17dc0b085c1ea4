package dev.wsprobe.testing;

import dev.wsprobe.server.ServerConfig;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * A host of wsprobe's endpoints under test, whatever it is: the standalone server in this JVM, or the WAR
 * deployed in an application server. What {@link EndpointSuite} needs to talk to it.
 */
public interface TestedHost extends RunningServer {
    /** The host's {@code /status} document. */
    URI status();

    /** The host's {@code /metrics} page (Prometheus text format), beside {@code /status}. */
    default URI metrics() {
        return status().resolve("metrics");
    }

    /** Trusts exactly this host's certificate (for wss), host names checked. */
    SSLContext clientTrust();

    /** The message size limit the host was started with. */
    default int maxMessageBytes() {
        return ServerConfig.DEFAULT_MAX_MESSAGE_BYTES;
    }

    /** The host's name in test names and failure messages. */
    String name();
}
