package dev.wsprobe.containers.tomcat11;

import dev.wsprobe.containers.embedded.EmbeddedContainer;
import dev.wsprobe.containers.embedded.UndeployLeavesNoThreadSuite;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.containers.tomcat.EmbeddedTomcat;
import java.nio.file.Path;

/** Deploying and undeploying the WAR in one Apache Tomcat 11 leaves no thread behind. */
class Tomcat11UndeployIT extends UndeployLeavesNoThreadSuite {
    @Override
    protected EmbeddedContainer start(Path directory, TlsIdentity identity) throws Exception {
        return new EmbeddedTomcat(directory, identity);
    }

    @Override
    protected String directoryName() {
        return "tomcat11-undeploy";
    }
}
