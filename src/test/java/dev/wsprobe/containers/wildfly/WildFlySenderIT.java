package dev.wsprobe.containers.wildfly;

import dev.wsprobe.containers.DeployedWar;
import dev.wsprobe.containers.InContainerSenderSuite;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The configured WAR in WildFly: its sender on WildFly's managed executor and Undertow's WebSocket client. */
@ExtendWith(ArquillianExtension.class)
class WildFlySenderIT extends InContainerSenderSuite {
    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return configuredWar("wildfly.http.port");
    }

    @Override
    protected DeployedWar war() {
        return DeployedWar.at("WildFly", base, "wildfly.https.port");
    }
}
