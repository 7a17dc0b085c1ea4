package dev.wsprobe.tyrus;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.load.LoadConnector;
import dev.wsprobe.sender.WebSocketUrl;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientProperties;
import org.glassfish.tyrus.core.MaskingKeyGenerator;

/**
 * The load generator's Tyrus client. All connections share one Grizzly client runtime
 * ({@link ClientProperties#SHARED_CONTAINER}): without it every connection would start its own selector and
 * worker threads. One {@link ClientManager} per source address, since the address
 * ({@link ClientProperties#SOCKET_BINDING}) is a client property, not a per-connection one.
 */
public final class TyrusLoadConnector implements LoadConnector {
    private final ClientTls tls;
    private final Duration handshakeTimeout;
    private final Map<Optional<InetAddress>, ClientManager> clients = new ConcurrentHashMap<>();
    private final ClientOptions options;
    private final ClientEndpointConfig config;
    private final boolean resumeTls;

    /** @param tls for wss:// targets; null for ws:// (Tyrus would force TLS on a ws:// URL given a configurator) */
    public TyrusLoadConnector(ClientTls tls, Duration handshakeTimeout) {
        this(tls, handshakeTimeout, ClientOptions.NONE);
    }

    /** @param options headers, Origin, subprotocols, proxy and compression for every connection */
    public TyrusLoadConnector(ClientTls tls, Duration handshakeTimeout, ClientOptions options) {
        this(tls, handshakeTimeout, options, true);
    }

    /**
     * @param resumeTls wss: resume the session of an earlier connection to the same server (no certificate
     *                  verification, the main CPU cost of a new connection), or a full handshake every time
     */
    public TyrusLoadConnector(ClientTls tls, Duration handshakeTimeout, ClientOptions options, boolean resumeTls) {
        this.tls = tls;
        this.resumeTls = resumeTls;
        this.handshakeTimeout = handshakeTimeout;
        this.options = options;
        this.config = TyrusClientConfig.endpointConfig(options);
    }

    @Override
    public void connect(Endpoint endpoint, URI target, InetAddress source) throws DeploymentException, IOException {
        ClientManager client = clients.computeIfAbsent(Optional.ofNullable(source), key -> create(key, target));
        client.connectToServer(endpoint, config, target);
    }

    private ClientManager create(Optional<InetAddress> source, URI target) {
        ClientManager client = ClientManager.createClient();
        Map<String, Object> properties = client.getProperties();
        properties.put(ClientProperties.SHARED_CONTAINER, true);
        // Tyrus' client pool grows a thread for every task that finds no idle worker: with thousands of
        // connections answering at once it reached 2,000 threads here, which then spent the cores switching.
        // A fixed pool of one worker per core queues the bursts instead; nothing the load runs on it blocks.
        int workers = Runtime.getRuntime().availableProcessors();
        properties.put(GrizzlyClientProperties.WORKER_THREAD_POOL_CONFIG, ThreadPoolConfig.defaultConfig().copy()
                .setPoolName("wsprobe-load-worker").setCorePoolSize(workers).setMaxPoolSize(workers));
        properties.put(ClientProperties.HANDSHAKE_TIMEOUT, (int) handshakeTimeout.toMillis());
        TyrusClientConfig.applyProxy(properties, options);
        source.ifPresent(address -> properties.put(ClientProperties.SOCKET_BINDING, address));
        // Tyrus masks every frame with a key from one shared SecureRandom, whose lock the client's threads then
        // queue for. Unpredictable masks protect proxies from scripts in browsers (RFC 6455, 10.3); a load
        // generator talking to a test server needs none of that, so a thread-local generator serves.
        properties.put(ClientProperties.MASKING_KEY_GENERATOR,
                (MaskingKeyGenerator) () -> ThreadLocalRandom.current().nextInt());
        if (WebSocketUrl.isSecure(target)) {
            properties.put(ClientProperties.SSL_ENGINE_CONFIGURATOR, TyrusClientConfig.engines(tls, target, resumeTls));
        }
        return client;
    }

    @Override
    public void close() {
        clients.values().forEach(ClientManager::shutdown);
    }
}
