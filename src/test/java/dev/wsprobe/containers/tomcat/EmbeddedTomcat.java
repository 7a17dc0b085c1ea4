package dev.wsprobe.containers.tomcat;

import dev.wsprobe.containers.embedded.EmbeddedContainer;
import dev.wsprobe.tls.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Container;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Apache Tomcat embedded ({@code org.apache.tomcat.embed}), the version on the class path of this test
 * execution (10.1 or 11, see pom.xml): an http and an https connector on 127.0.0.1, ephemeral ports, WAR files
 * deployed as Tomcat deploys them from {@code webapps/} (unpacked into the host's app base, annotations
 * and the WebSocket SCI processed as usual). Nothing of wsprobe is added: the WAR brings everything.
 */
public final class EmbeddedTomcat implements EmbeddedContainer {
    private static final String KEY_PASSWORD = "test";

    private final Tomcat tomcat = new Tomcat();
    private final Connector http;
    private final Connector https;
    private final Path appBase;

    public EmbeddedTomcat(Path directory, TlsIdentity identity) throws Exception {
        tomcat.setBaseDir(directory.resolve("base").toString());
        appBase = Files.createDirectories(directory.resolve("webapps"));
        tomcat.getHost().setAppBase(appBase.toString());
        tomcat.getHost().setAutoDeploy(false);

        http = new Connector();
        http.setPort(0);
        http.setProperty("address", "127.0.0.1");
        tomcat.getService().addConnector(http);
        tomcat.setConnector(http);

        https = new Connector();
        https.setPort(0);
        https.setProperty("address", "127.0.0.1");
        https.setSecure(true);
        https.setScheme("https");
        https.setProperty("SSLEnabled", "true");
        SSLHostConfig tls = new SSLHostConfig();
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(tls, SSLHostConfigCertificate.Type.UNDEFINED);
        KeyStore keyStore = identity.toKeyStore(KEY_PASSWORD.toCharArray());
        certificate.setCertificateKeystore(keyStore);
        certificate.setCertificateKeystorePassword(KEY_PASSWORD);
        certificate.setCertificateKeyPassword(KEY_PASSWORD);
        tls.addCertificate(certificate);
        https.addSslHostConfig(tls);
        tomcat.getService().addConnector(https);

        tomcat.start();
        if (http.getLocalPort() <= 0 || https.getLocalPort() <= 0) {
            throw new IllegalStateException("Tomcat did not open its connectors: http " + http.getState() + ", https "
                    + https.getState());
        }
    }

    @Override
    public String name() {
        return "Apache Tomcat " + version();
    }

    @Override
    public String version() {
        return ServerInfo.getServerNumber();
    }

    @Override
    public void deploy(Path warFile, String contextPath) throws Exception {
        // what Tomcat.addWebapp does, with one change: the test JVM's class path stands for the server's lib/,
        // whose jars Tomcat need not scan for web fragments and tag libraries
        StandardContext context = new StandardContext();
        context.setName(contextPath);
        context.setPath(contextPath);
        context.setDocBase(warFile.toAbsolutePath().toString());
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        context.setJarScanner(scanner);
        context.addLifecycleListener(tomcat.getDefaultWebXmlListener());
        ContextConfig config = new ContextConfig();
        config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
        context.addLifecycleListener(config);
        // Tomcat logs why an application failed to start and carries on: keep what it logs meanwhile
        Logger catalina = Logger.getLogger("org.apache.catalina");
        List<Throwable> logged = new CopyOnWriteArrayList<>();
        Handler failures = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getThrown() != null) {
                    logged.add(record.getThrown());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        catalina.addHandler(failures);
        try {
            tomcat.getHost().addChild(context);
        } finally {
            catalina.removeHandler(failures);
        }
        if (context.getState() != LifecycleState.STARTED) {
            String state = context.getState().toString();
            undeploy(contextPath);
            IllegalStateException failed = new IllegalStateException(warFile.getFileName() + " did not start in "
                    + "Tomcat at " + contextPath + " (state " + state + ")", logged.isEmpty() ? null : logged.get(0));
            logged.stream().skip(1).forEach(failed::addSuppressed);
            throw failed;
        }
    }

    @Override
    public void undeploy(String contextPath) throws Exception {
        Container context = tomcat.getHost().findChild(contextPath);
        if (context != null) {
            tomcat.getHost().removeChild(context);
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
        // the connectors' worker threads, e.g. http-nio-127.0.0.1-auto-1-exec-3
        return threadName.contains("-exec-");
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
