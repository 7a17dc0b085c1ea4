package dev.wsprobe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the package names promise: a core of endpoints and client logic that knows nothing about its
 * host, two hosts around it (the standalone Grizzly/Tyrus server, the WAR), the Tyrus client adapters, and the
 * command line on top. What goes into the WAR is a list of packages in the pom ({@code war.packages}); this test
 * reads the same list and checks that those packages need nothing the WAR leaves out.
 */
class ArchitectureTest {
    /** The core: portable Jakarta WebSocket code, hosted by the jar and the WAR alike. */
    private static final String[] CORE = {"dev.wsprobe.receiver..", "dev.wsprobe.echo..", "dev.wsprobe.server..",
        "dev.wsprobe.sender..", "dev.wsprobe.client..", "dev.wsprobe.wire..", "dev.wsprobe.diagnosis..",
        "dev.wsprobe.load..", "dev.wsprobe.tls..", "dev.wsprobe.metrics.."};
    private static final String[] HOSTS_AND_CLI = {"dev.wsprobe.standalone..", "dev.wsprobe.web..",
        "dev.wsprobe.tyrus..", "dev.wsprobe.cli..", "dev.wsprobe.certificates.."};
    private static final String[] IMPLEMENTATIONS = {"org.glassfish.grizzly..", "org.glassfish.tyrus..",
        "picocli..", "jakarta.servlet..", "org.bouncycastle.."};

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.wsprobe");
        assertFalse(production.isEmpty(), "no production classes found on the test class path");
    }

    @Test
    void coreKnowsNoHostNoCliAndNoImplementation() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(concat(HOSTS_AND_CLI, IMPLEMENTATIONS))
                .because("the core runs unchanged in the standalone jar and in any Jakarta EE server")
                .check(production);
    }

    @Test
    void hostsNeverDependOnTheCommandLine() {
        noClasses().that().resideInAnyPackage("dev.wsprobe.standalone..", "dev.wsprobe.web..",
                        "dev.wsprobe.tyrus..", "dev.wsprobe.certificates..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wsprobe.cli..", "picocli..")
                .because("the command line is one user of the hosts; embedding a server needs no CLI")
                .check(production);
    }

    @Test
    void theTwoHostsAreIndependent() {
        noClasses().that().resideInAPackage("dev.wsprobe.web..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wsprobe.standalone..", "dev.wsprobe.tyrus..",
                        "org.glassfish..")
                .check(production);
        noClasses().that().resideInAnyPackage("dev.wsprobe.standalone..", "dev.wsprobe.tyrus..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.wsprobe.web..", "jakarta.servlet..")
                .check(production);
    }

    /** The one library the WAR bundles: the Prometheus client's model and text writer (and its config). */
    private static final String[] PROMETHEUS_IN_WAR = {"io.prometheus.metrics.model..",
        "io.prometheus.metrics.expositionformats..", "io.prometheus.metrics.config.."};

    @Test
    void warPackagesNeedOnlyEachOtherTheJdkJakartaEeAndThePrometheusTextWriter() {
        String[] war = warPackages();
        List<String> allowed = new ArrayList<>(Arrays.asList(war));
        allowed.addAll(List.of("java..", "javax..", "jakarta.."));
        allowed.addAll(List.of(PROMETHEUS_IN_WAR));
        classes().that().resideInAnyPackage(war)
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                .because("the application server provides the WebSocket and servlet APIs and their implementation; "
                        + "the WAR bundles only the Prometheus client's model and text writer, for /metrics")
                .check(production);
    }

    @Test
    void onlyTheMetricsAndTheirHostsUseThePrometheusClient() {
        noClasses().that().resideOutsideOfPackages("dev.wsprobe.metrics..", "dev.wsprobe.load..",
                        "dev.wsprobe.standalone..", "dev.wsprobe.web..", "dev.wsprobe.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("io.prometheus..")
                .because("the endpoints and the server's state know nothing of metrics: the collectors read them")
                .check(production);
    }

    @Test
    void onlyTheJunitExtensionUsesJunit() {
        // JUnit is a provided dependency: the runnable jar and a consumer's main code do not have it
        noClasses().that().haveNameNotMatching("dev\\.wsprobe\\.standalone\\.WsprobeServerExtension(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.opentest4j..")
                .because("only the JUnit 5 extension of the embeddable server may need JUnit on the class path")
                .check(production);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("dev.wsprobe.(*)..").should().beFreeOfCycles().check(production);
    }

    /** {@code WEB-INF/classes/dev/wsprobe/web/**,...} from the pom, as ArchUnit package patterns. */
    private static String[] warPackages() {
        String list = System.getProperty("wsprobe.war.packages");
        if (list == null || list.isBlank()) {
            throw new IllegalStateException("system property wsprobe.war.packages is not set: run through Maven");
        }
        return Arrays.stream(list.split(","))
                .map(String::trim)
                .map(entry -> entry.replace("WEB-INF/classes/", "").replace("/**", "").replace('/', '.') + "..")
                .toArray(String[]::new);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
