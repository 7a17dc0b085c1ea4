package dev.wsprobe.standalone;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.tls.TlsIdentity;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A {@link WsprobeServer} for a JUnit 5 test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static WsprobeServerExtension server = WsprobeServerExtension.builder().tls().build();
 *
 * @Test
 * void echoes(WsprobeServer running) throws Exception {
 *     // connect to server.echoUrl() or server.secureEchoUrl(), trusting server.clientSslContext() ...
 *     assertEquals("hello", server.echo().takeReceived(Duration.ofSeconds(5)).text());
 * }
 * }</pre>
 *
 * On a {@code static} field the server starts before the class's first test and stops after its last (shared
 * by {@code @Nested} classes); on an instance field it starts before each test and stops after it. Test and
 * lifecycle methods may declare a {@link WsprobeServer} parameter to get the running server. The JUnit
 * Jupiter API is the caller's: wsprobe declares it {@code provided}.
 */
public final class WsprobeServerExtension implements WsprobeUrls, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final WsprobeServerBuilder builder;
    /** Guarded by this. */
    private WsprobeServer server;
    /** Guarded by this: the unique id of the class or test whose callbacks started the server. */
    private String startedBy;

    private WsprobeServerExtension(WsprobeServerBuilder builder) {
        this.builder = builder;
    }

    /** A builder with {@link WsprobeServer#builder()}'s defaults: ws:// only, any free port. */
    public static Builder builder() {
        return new Builder();
    }

    /** An extension that starts servers from {@code builder} (read at each start, not copied). */
    public static WsprobeServerExtension of(WsprobeServerBuilder builder) {
        return new WsprobeServerExtension(builder);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        startFor(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        // runs for static registrations too: the server is already up then
        startFor(context);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        stopFor(context);
    }

    private synchronized void startFor(ExtensionContext context) throws Exception {
        if (server == null) {
            server = builder.start();
            startedBy = context.getUniqueId();
        }
    }

    private synchronized void stopFor(ExtensionContext context) {
        if (server != null && context.getUniqueId().equals(startedBy)) {
            try {
                server.close();
            } finally {
                server = null;
                startedBy = null;
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == WsprobeServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        synchronized (this) {
            if (server == null) {
                throw new ParameterResolutionException("the wsprobe server is not running here: register the "
                        + "extension on a static field to use it in @BeforeAll methods");
            }
            return server;
        }
    }

    /**
     * The running server.
     *
     * @throws IllegalStateException outside the tests of the class that registered the extension
     */
    public synchronized WsprobeServer server() {
        if (server == null) {
            throw new IllegalStateException("the wsprobe server runs only during the tests of the class that "
                    + "registers this extension (with @RegisterExtension)");
        }
        return server;
    }

    /** {@link WsprobeServer#ws(String)} of the running server. */
    @Override
    public URI ws(String path) {
        return server().ws(path);
    }

    /** {@link WsprobeServer#wss(String)} of the running server. */
    @Override
    public URI wss(String path) {
        return server().wss(path);
    }

    /** {@link WsprobeServer#port()} of the running server. */
    public int port() {
        return server().port();
    }

    /** {@link WsprobeServer#certificate()} of the running server. */
    public X509Certificate certificate() {
        return server().certificate();
    }

    /** {@link WsprobeServer#clientSslContext()} of the running server. */
    public SSLContext clientSslContext() {
        return server().clientSslContext();
    }

    /** {@link WsprobeServer#echo()} of the running server. */
    public WsprobeEndpoint echo() {
        return server().echo();
    }

    /** {@link WsprobeServer#receiver()} of the running server. */
    public WsprobeEndpoint receiver() {
        return server().receiver();
    }

    /** The settings of {@link WsprobeServerBuilder}, each with the same default. */
    public static final class Builder {
        private final WsprobeServerBuilder server = WsprobeServer.builder();

        private Builder() {
        }

        /** See {@link WsprobeServerBuilder#port(int)} (default 0: any free port). */
        public Builder port(int port) {
            server.port(port);
            return this;
        }

        /** See {@link WsprobeServerBuilder#tlsPort(int)} (default 0: any free port). */
        public Builder tlsPort(int port) {
            server.tlsPort(port);
            return this;
        }

        /** See {@link WsprobeServerBuilder#tls()}: wss:// with a development certificate made at start. */
        public Builder tls() {
            server.tls();
            return this;
        }

        /** See {@link WsprobeServerBuilder#tls(TlsIdentity)}. */
        public Builder tls(TlsIdentity serverIdentity) {
            server.tls(serverIdentity);
            return this;
        }

        /** See {@link WsprobeServerBuilder#tls(SSLContext)}. */
        public Builder tls(SSLContext serverContext) {
            server.tls(serverContext);
            return this;
        }

        /** See {@link WsprobeServerBuilder#config(ServerConfig)} (default {@link ServerConfig#DEFAULT}). */
        public Builder config(ServerConfig config) {
            server.config(config);
            return this;
        }

        /** See {@link WsprobeServerBuilder#config(UnaryOperator)}. */
        public Builder config(UnaryOperator<ServerConfig> change) {
            server.config(change);
            return this;
        }

        /** See {@link WsprobeServerBuilder#keepReceived(int, long)} (default 1,000 messages or 8 MiB per endpoint). */
        public Builder keepReceived(int maxMessages, long maxBytes) {
            server.keepReceived(maxMessages, maxBytes);
            return this;
        }

        /** See {@link WsprobeServerBuilder#compression(Compression)} (default off). */
        public Builder compression(Compression compression) {
            server.compression(compression);
            return this;
        }

        /** The extension; it starts a server from these settings when its tests begin, not now. */
        public WsprobeServerExtension build() {
            return new WsprobeServerExtension(server);
        }
    }
}
