package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * target/wsprobe.war holds the endpoints, core, handshake filter and test page, and nothing the application server
 * brings itself.
 */
class WarContentIT {
    private static final List<String> JAR_ONLY_PACKAGES = List.of("cli", "standalone", "tyrus", "load", "certificates")
            .stream().map(pkg -> "WEB-INF/classes/dev/wsprobe/" + pkg + "/").toList();
    private static final String PROMETHEUS = "WEB-INF/lib/prometheus-metrics-";
    private static final String PROMETHEUS_VERSION = System.getProperty("wsprobe.prometheus.version");

    @Test
    void warHoldsTheEndpointsAndNoLibrariesOrLauncher() throws Exception {
        Path war = Path.of(System.getProperty("wsprobe.war", "target/wsprobe.war"));
        assertTrue(Files.isRegularFile(war), war + " missing: run through `mvn verify`");
        try (ZipFile zip = new ZipFile(war.toFile())) {
            List<String> names = zip.stream().map(ZipEntry::getName).toList();
            for (String required : List.of("WEB-INF/classes/dev/wsprobe/receiver/ReceiverEndpoint.class",
                    "WEB-INF/classes/dev/wsprobe/echo/EchoEndpoint.class",
                    "WEB-INF/classes/dev/wsprobe/sender/SenderEndpoint.class",
                    "WEB-INF/classes/dev/wsprobe/sender/PeriodicSender.class",
                    "WEB-INF/classes/dev/wsprobe/web/HandshakeFilter.class",
                    "WEB-INF/classes/dev/wsprobe/server/HandshakePolicy.class",
                    "index.html",

                    "WEB-INF/classes/dev/wsprobe/web/WarLifecycle.class",
                    "WEB-INF/classes/dev/wsprobe/web/StatusServlet.class",
                    "WEB-INF/classes/dev/wsprobe/web/MetricsServlet.class",
                    "WEB-INF/classes/dev/wsprobe/metrics/ServerMetrics.class",
                    "WEB-INF/classes/dev/wsprobe/server/StatusJson.class")) {
                assertTrue(names.contains(required), "WAR lacks " + required);
            }
            List<String> jars = names.stream().filter(name -> name.endsWith(".jar")).sorted().toList();
            assertEquals(List.of(PROMETHEUS + "config-" + PROMETHEUS_VERSION + ".jar",
                    PROMETHEUS + "exposition-textformats-" + PROMETHEUS_VERSION + ".jar",
                    PROMETHEUS + "model-" + PROMETHEUS_VERSION + ".jar"), jars,
                    "only the Prometheus text writer for /metrics: the server provides WebSocket, Grizzly is not "
                            + "needed, picocli is CLI-only");
            long bundled = zip.stream().filter(entry -> entry.getName().endsWith(".jar")).mapToLong(ZipEntry::getSize)
                    .sum();
            assertTrue(bundled < 300 * 1024, "the bundled jars stay small: " + bundled + " bytes");
            List<String> jarOnly = names.stream().filter(name -> JAR_ONLY_PACKAGES.stream()
                    .anyMatch(name::startsWith)).toList();
            assertEquals(List.of(), jarOnly, "the command line, the standalone host, the Tyrus client adapters, the "
                    + "load generator and the BouncyCastle certificates do not belong in the WAR");
            List<String> pages = names.stream().filter(name -> name.endsWith(".html")).toList();
            assertEquals(List.of("index.html"), pages, "the test page once, at the context root");
            List<String> foreign = names.stream().filter(name -> name.endsWith(".class"))
                    .filter(name -> !name.startsWith("WEB-INF/classes/dev/wsprobe/")).toList();
            assertEquals(List.of(), foreign, "no classes other than wsprobe's own (the bundled jars keep theirs)");
            assertTrue(names.stream().noneMatch(name -> name.equals("WEB-INF/web.xml")),
                    "configured by annotations; a web.xml is the deployer's to add (context parameters)");
        }
    }
}
