package dev.wsprobe.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.util.Properties;

/**
 * What {@code --announce} sends as each connection's first message: {@code served by <host name> (wsprobe
 * <version>)}, so that a client behind a load balancer sees which instance answered. The host name is the
 * machine's (in a container: the container's), the version the one Maven recorded in the build.
 */
final class Announcement {
    private static final String TEXT = "served by " + hostName() + " (wsprobe " + version() + ")";

    private Announcement() {
    }

    static String text() {
        return TEXT;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    private static String version() {
        Properties properties = new Properties();
        try (InputStream in = Announcement.class.getResourceAsStream(
                "/META-INF/maven/dev.wsprobe/wsprobe/pom.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // no version recorded: a development build
        }
        String implementation = Announcement.class.getPackage().getImplementationVersion();
        return properties.getProperty("version", implementation != null ? implementation : "development build");
    }
}
