package dev.wsprobe.containers.payara;

import dev.wsprobe.testing.Await;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Waits, before Arquillian boots Payara Micro for a test class, until the ports the build reserved for it are
 * free again: the Payara classes boot one after another on the same ports, and the previous instance's JVM
 * can still hold them while it exits (seen as a BindException and "No applications were found deployed").
 * Register it before the Arquillian extension, so it runs first.
 */
public final class PayaraPortsFree implements BeforeAllCallback {
    private static final List<String> PORTS = List.of("payara.http.port", "payara.https.port");

    @Override
    public void beforeAll(ExtensionContext context) throws InterruptedException {
        for (String property : PORTS) {
            int port = Integer.getInteger(property, 0);
            if (port > 0) {
                Await.until(() -> free(port), "port " + port + " (" + property + ") to be free for Payara Micro");
            }
        }
    }

    private static boolean free(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            // as Grizzly binds: connections of the previous instance in TIME_WAIT do not count, a listener does
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
