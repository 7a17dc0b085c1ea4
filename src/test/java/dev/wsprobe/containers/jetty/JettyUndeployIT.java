package dev.wsprobe.containers.jetty;

import dev.wsprobe.containers.embedded.EmbeddedContainer;
import dev.wsprobe.containers.embedded.UndeployLeavesNoThreadSuite;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.containers.jetty.EmbeddedJetty;
import java.nio.file.Path;

/** Deploying and undeploying the WAR in one Jetty 12 (ee10) leaves no thread behind. */
class JettyUndeployIT extends UndeployLeavesNoThreadSuite {
    @Override
    protected EmbeddedContainer start(Path directory, TlsIdentity identity) throws Exception {
        return new EmbeddedJetty(directory, identity);
    }

    @Override
    protected String directoryName() {
        return "jetty-undeploy";
    }
}
