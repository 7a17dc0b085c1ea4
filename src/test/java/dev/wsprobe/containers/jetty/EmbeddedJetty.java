package dev.wsprobe.containers.jetty;

import dev.wsprobe.containers.embedded.EmbeddedContainer;
import dev.wsprobe.tls.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12 embedded, its ee10 environment (Servlet 6.0, Jakarta WebSocket 2.1): an http and an https connector
 * on 127.0.0.1, ephemeral ports, WAR files deployed as {@code WebAppContext}s the way Jetty's deployer does
 * (unpacked, annotations scanned, the Jakarta WebSocket initializer run: the configurations Jetty finds on its
 * class path, as a server whose {@code ee10-annotations} and {@code ee10-websocket-jakarta} modules are on).
 */
public final class EmbeddedJetty implements EmbeddedContainer {
    private static final String KEY_PASSWORD = "test";

    private final Server server = new Server();
    private final ServerConnector http;
    private final ServerConnector https;
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();
    private final Map<String, WebAppContext> deployed = new ConcurrentHashMap<>();
    private final Path directory;

    public EmbeddedJetty(Path directory, TlsIdentity identity) throws Exception {
        this.directory = directory;
        http = new ServerConnector(server);
        http.setHost("127.0.0.1");
        http.setPort(0);
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity.toKeyStore(KEY_PASSWORD.toCharArray()));
        tls.setKeyStorePassword(KEY_PASSWORD);
        tls.setKeyManagerPassword(KEY_PASSWORD);
        https = new ServerConnector(server, tls);
        https.setHost("127.0.0.1");
        https.setPort(0);
        server.addConnector(http);
        server.addConnector(https);
        server.setHandler(contexts);
        server.start();
    }

    @Override
    public String name() {
        return "Jetty " + version() + " (ee10)";
    }

    @Override
    public String version() {
        return Jetty.VERSION;
    }

    @Override
    public void deploy(Path warFile, String contextPath) throws Exception {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(contextPath);
        webapp.setWar(warFile.toAbsolutePath().toString());
        webapp.setTempDirectory(Files.createDirectories(directory.resolve("work" + contextPath.replace('/', '-')))
                .toFile());
        webapp.setThrowUnavailableOnStartupException(true);
        contexts.addHandler(webapp);
        try {
            webapp.start();
        } catch (Exception e) {
            contexts.removeHandler(webapp);
            throw new IllegalStateException(warFile.getFileName() + " did not start in Jetty at " + contextPath, e);
        }
        if (!webapp.isAvailable()) {
            undeploy(contextPath);
            throw new IllegalStateException(warFile.getFileName() + " is not available in Jetty at " + contextPath
                    + ": see the server's log in the test output");
        }
        deployed.put(contextPath, webapp);
    }

    @Override
    public void undeploy(String contextPath) throws Exception {
        WebAppContext webapp = deployed.remove(contextPath);
        if (webapp != null) {
            webapp.stop();
            contexts.removeHandler(webapp);
            webapp.destroy();
        }
    }

    @Override
    public int httpPort() {
        return http.getLocalPort();
    }

    @Override
    public int httpsPort() {
        return https.getLocalPort();
    }

    @Override
    public boolean isPoolThread(String threadName) {
        // the server's QueuedThreadPool (qtp<hash>-<n>) and its scheduler
        return threadName.startsWith("qtp") || threadName.startsWith("Scheduler-");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
