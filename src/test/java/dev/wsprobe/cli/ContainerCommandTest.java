package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The image's health check tells a server container from a sender container by its main process. */
class ContainerCommandTest {
    @Test
    void theCommandAfterTheJar() {
        assertEquals("server", ContainerCommand.of(List.of("java", "-XX:MaxRAMPercentage=75", "-jar",
                "/app/wsprobe.jar", "server")));
        assertEquals("send", ContainerCommand.of(List.of("java", "-jar", "/app/wsprobe.jar", "--verbose", "send",
                "--name", "x", "wss://proxy:8443/receive")));
        assertEquals("server", ContainerCommand.of(List.of("java", "-jar", "/app/wsprobe.jar", "server",
                "--idle-timeout", "0")));
    }

    @Test
    void notWsprobeOrNoCommandIsUnknown() {
        assertNull(ContainerCommand.of(List.of("/sbin/init")));
        assertNull(ContainerCommand.of(List.of("java", "-jar", "/app/other.jar", "send")));
        assertNull(ContainerCommand.of(List.of("java", "-jar", "/app/wsprobe.jar")));
        assertNull(ContainerCommand.of(List.of("java", "-jar")));
    }
}
