package dev.wsprobe.containers.payara;

import dev.wsprobe.containers.DeployedWar;
import dev.wsprobe.containers.WarArchives;
import dev.wsprobe.testing.EndpointSuite;
import dev.wsprobe.testing.TestedHost;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The endpoint suite against the built WAR in Payara Micro (Tyrus inside), over http and its https listener. */
@ExtendWith({PayaraPortsFree.class, ArquillianExtension.class})
class PayaraMicroIT extends EndpointSuite {
    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return WarArchives.built();
    }

    @Override
    protected TestedHost host() {
        return DeployedWar.at("Payara Micro", base, "payara.https.port");
    }

    /** Known deviation: Payara's Tyrus (2.1.5) reads an unmasked frame as if masked with a zero key. */
    @Override
    protected boolean refusesUnmaskedFrames() {
        return false;
    }
}
