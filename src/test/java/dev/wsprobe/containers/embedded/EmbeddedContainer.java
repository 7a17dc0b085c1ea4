package dev.wsprobe.containers.embedded;

import java.nio.file.Path;

/**
 * A servlet container embedded in the test JVM through its own API, on loopback and ephemeral ports, with an
 * http and an https listener; it deploys WAR files, as an operator would drop them into the server.
 */
public interface EmbeddedContainer extends AutoCloseable {
    /** e.g. {@code Apache Tomcat 10.1.48}, as the running server reports itself. */
    String name();

    /** The server's version number as it reports it ({@code 10.1.48}, {@code 12.1.14}). */
    String version();

    /** Deploys the WAR file at {@code contextPath} ({@code /wsprobe}) and waits until it has started. */
    void deploy(Path warFile, String contextPath) throws Exception;

    /** Stops and removes the deployment at {@code contextPath}. */
    void undeploy(String contextPath) throws Exception;

    int httpPort();

    int httpsPort();

    /** True for a thread of the server's own request-handling pools, which grow and shrink with traffic. */
    boolean isPoolThread(String threadName);

    @Override
    void close() throws Exception;
}
