package dev.wsprobe.tyrus;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.client.Header;
import dev.wsprobe.tls.PeerEngines;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.glassfish.tyrus.ext.extension.deflate.PerMessageDeflateExtension;

/**
 * The shared client options ({@link ClientOptions}) applied to a Tyrus client: request headers and the Origin
 * through {@link ClientEndpointConfig.Configurator#beforeRequest}, subprotocols through
 * {@link ClientEndpointConfig.Builder#preferredSubprotocols}, permessage-deflate through Tyrus' deflate extension,
 * the proxy through {@link ClientProperties#PROXY_URI} and {@link ClientProperties#PROXY_HEADERS}, TLS through
 * {@link ClientProperties#SSL_ENGINE_CONFIGURATOR}.
 */
public final class TyrusClientConfig {
    private TyrusClientConfig() {
    }

    /** The endpoint configuration that sends what {@code options} asks for. */
    public static ClientEndpointConfig endpointConfig(ClientOptions options) {
        return endpointConfig(options, ClientEndpointConfig.Builder.create().build());
    }

    /**
     * The same, keeping {@code base}'s decoders and encoders: an annotated endpoint's message methods are called
     * through the decoders Tyrus put into its configuration.
     */
    public static ClientEndpointConfig endpointConfig(ClientOptions options, ClientEndpointConfig base) {
        List<Extension> extensions = new ArrayList<>();
        if (options.compress()) {
            extensions.add(new PerMessageDeflateExtension());
        }
        return ClientEndpointConfig.Builder.create()
                .decoders(base.getDecoders())
                .encoders(base.getEncoders())
                .preferredSubprotocols(options.subprotocols())
                .extensions(extensions)
                .configurator(new RequestHeaders(options))
                .build();
    }

    /**
     * The TLS engines of a wss:// client: made for the target's host and port, so that the JDK resumes sessions, and
     * with wsprobe's protocols and suites (see {@link PeerEngines}, which says why Tyrus' own settings do not serve).
     */
    public static SslEngineConfigurator engines(ClientTls tls, URI target) {
        return engines(tls, target, true);
    }

    /** The same; without {@code resume}, every connection makes a full handshake (engines made without a port). */
    public static SslEngineConfigurator engines(ClientTls tls, URI target, boolean resume) {
        int port = !resume ? -1 : target.getPort() > 0 ? target.getPort() : 443;
        SslEngineConfigurator engines = new SslEngineConfigurator(new PeerEngines(tls.context(), port));
        engines.setHostVerificationEnabled(tls.verifyHostName());
        return engines;
    }

    /** Sets the proxy properties on a client's properties; without a proxy, makes sure none is used. */
    public static void applyProxy(Map<String, Object> properties, ClientOptions options) {
        options.proxyToUse().ifPresentOrElse(proxy -> {
            properties.put(ClientProperties.PROXY_URI, proxy.uri());
            Map<String, String> headers = new HashMap<>();
            if (proxy.hasCredentials()) {
                headers.put("Proxy-Authorization", proxy.authorization());
            }
            properties.put(ClientProperties.PROXY_HEADERS, headers);
        }, () -> {
            properties.remove(ClientProperties.PROXY_URI);
            properties.remove(ClientProperties.PROXY_HEADERS);
        });
    }

    /** Writes the user's headers and the Origin choice into the upgrade request. */
    private static final class RequestHeaders extends ClientEndpointConfig.Configurator {
        private final ClientOptions options;

        RequestHeaders(ClientOptions options) {
            this.options = options;
        }

        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            if (!options.sendOrigin()) {
                removeIgnoringCase(headers, "Origin");
            } else if (options.origin() != null) {
                removeIgnoringCase(headers, "Origin");
                headers.put("Origin", List.of(options.origin()));
            }
            Map<String, List<String>> given = new java.util.LinkedHashMap<>();
            for (Header header : options.headers()) {
                String existing = given.keySet().stream().filter(header::named).findFirst().orElse(header.name());
                given.computeIfAbsent(existing, key -> new ArrayList<>()).add(header.value());
            }
            given.forEach((name, values) -> {
                removeIgnoringCase(headers, name);
                headers.put(name, values);
            });
        }

        private static void removeIgnoringCase(Map<String, List<String>> headers, String name) {
            headers.keySet().removeIf(name::equalsIgnoreCase);
        }
    }
}
