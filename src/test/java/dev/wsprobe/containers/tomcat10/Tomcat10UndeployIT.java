package dev.wsprobe.containers.tomcat10;

import dev.wsprobe.containers.embedded.EmbeddedContainer;
import dev.wsprobe.containers.embedded.UndeployLeavesNoThreadSuite;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.containers.tomcat.EmbeddedTomcat;
import java.nio.file.Path;

/** Deploying and undeploying the WAR in one Apache Tomcat 10.1 leaves no thread behind. */
class Tomcat10UndeployIT extends UndeployLeavesNoThreadSuite {
    @Override
    protected EmbeddedContainer start(Path directory, TlsIdentity identity) throws Exception {
        return new EmbeddedTomcat(directory, identity);
    }

    @Override
    protected String directoryName() {
        return "tomcat10-undeploy";
    }
}
