package dev.wsprobe.containers;

import static org.junit.jupiter.api.Assertions.fail;

import dev.wsprobe.testing.TestedHost;
import java.net.URI;
import java.net.URL;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * wsprobe's WAR deployed in an application server, as Arquillian reports it ({@code http://host:port/ctx/}),
 * plus the server's https listener on {@code httpsPort}.
 *
 * <p>wss URLs use the host name {@code localhost}: both servers' development certificates are issued to it
 * (Payara's bundled one and the one WildFly generates have CN=localhost and no alternative names, and the
 * JDK's check falls back to the CN then), so the clients verify host names as they would in production
 * instead of pinning the certificate alone. The servers listen on 127.0.0.1, where localhost resolves.
 */
public final class DeployedWar implements TestedHost {
    private static final Map<String, DeployedWar> KNOWN = new ConcurrentHashMap<>();

    private final String name;
    private final URI base;
    private final int httpsPort;
    private final X509Certificate certificate;
    private final SSLContext trust;

    private DeployedWar(String name, URI base, int httpsPort, X509Certificate certificate) throws Exception {
        this.name = name;
        this.base = base;
        this.httpsPort = httpsPort;
        this.certificate = certificate;
        this.trust = ServerCertificate.trustingOnly(certificate);
    }

    /**
     * The deployment at {@code base}; the server's certificate is fetched on the first call for a deployment.
     *
     * @param base              the deployment's URL from Arquillian
     * @param httpsPortProperty system property (set by the build) holding the server's https port
     */
    public static DeployedWar at(String name, URL base, String httpsPortProperty) {
        String httpsPort = System.getProperty(httpsPortProperty);
        if (httpsPort == null) {
            fail("system property " + httpsPortProperty + " is not set: run through `mvn verify`");
        }
        int port = Integer.parseInt(httpsPort);
        return KNOWN.computeIfAbsent(base.toString(), url -> {
            try {
                return new DeployedWar(name, base.toURI(), port, ServerCertificate.fetch("127.0.0.1", port));
            } catch (Exception e) {
                throw new IllegalStateException("cannot fetch " + name + "'s certificate from its https listener "
                        + "127.0.0.1:" + port, e);
            }
        });
    }

    @Override
    public URI ws(String path) {
        return URI.create("ws://" + base.getHost() + ":" + base.getPort() + contextPath() + path);
    }

    @Override
    public URI wss(String path) {
        return URI.create("wss://localhost:" + httpsPort + contextPath() + path);
    }

    @Override
    public URI status() {
        return URI.create("http://" + base.getHost() + ":" + base.getPort() + contextPath() + "/status");
    }

    @Override
    public SSLContext clientTrust() {
        return trust;
    }

    @Override
    public String name() {
        return name;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** {@code /wsprobe}, without the trailing slash Arquillian's URL has. */
    private String contextPath() {
        String path = base.getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
