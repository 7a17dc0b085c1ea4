package dev.wsprobe.containers.payara;

import dev.wsprobe.containers.DeployedWar;
import dev.wsprobe.containers.TestServerSettingsSuite;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The WAR configured as a test server in Payara Micro: subprotocols restricted through Payara's Tyrus. */
@ExtendWith({PayaraPortsFree.class, ArquillianExtension.class})
class PayaraMicroSettingsIT extends TestServerSettingsSuite {
    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return configuredWar();
    }

    @Override
    protected DeployedWar war() {
        return DeployedWar.at("Payara Micro", base, "payara.https.port");
    }
}
