package dev.wsprobe.containers.embedded;

import dev.wsprobe.testing.TestedHost;
import java.net.URI;
import javax.net.ssl.SSLContext;

/**
 * A WAR deployed in an {@link EmbeddedContainer}, as the endpoint suite sees it. wss URLs use {@code localhost},
 * one of the names on the test certificate the container presents, so clients check host names as in production.
 */
public record EmbeddedWar(EmbeddedContainer container, String contextPath, SSLContext clientTrust,
        int maxMessageBytes) implements TestedHost {

    public EmbeddedWar(EmbeddedContainer container, String contextPath, SSLContext clientTrust) {
        this(container, contextPath, clientTrust, dev.wsprobe.server.ServerConfig.DEFAULT_MAX_MESSAGE_BYTES);
    }

    @Override
    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + container.httpPort() + contextPath + path);
    }

    @Override
    public URI wss(String path) {
        return URI.create("wss://localhost:" + container.httpsPort() + contextPath + path);
    }

    @Override
    public URI status() {
        return URI.create("http://127.0.0.1:" + container.httpPort() + contextPath + "/status");
    }

    /** The test page at the context root. */
    public URI page() {
        return URI.create("http://127.0.0.1:" + container.httpPort() + contextPath + "/");
    }

    @Override
    public String name() {
        return container.name();
    }
}
