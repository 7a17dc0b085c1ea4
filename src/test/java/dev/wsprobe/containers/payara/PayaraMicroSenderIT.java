package dev.wsprobe.containers.payara;

import dev.wsprobe.containers.DeployedWar;
import dev.wsprobe.containers.InContainerSenderSuite;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The configured WAR in Payara Micro: its sender on Payara's managed executor and Tyrus client. A second
 * Micro boot: the adapter runs one Micro process per deployment.
 */
@ExtendWith({PayaraPortsFree.class, ArquillianExtension.class})
class PayaraMicroSenderIT extends InContainerSenderSuite {
    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return configuredWar("payara.http.port");
    }

    @Override
    protected DeployedWar war() {
        return DeployedWar.at("Payara Micro", base, "payara.https.port");
    }
}
