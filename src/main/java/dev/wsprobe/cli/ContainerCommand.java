package dev.wsprobe.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Which wsprobe command a container runs, read from its main process's command line ({@code /proc/1/cmdline}):
 * the image's health check must not call a {@code send} container unhealthy for having no {@code /status}.
 */
final class ContainerCommand {
    private static final Path MAIN_PROCESS = Path.of("/proc/1/cmdline");

    private ContainerCommand() {
    }

    /** The wsprobe command of PID 1, or null when PID 1 is not {@code java ... -jar ...wsprobe.jar} (or unknown). */
    static String ofMainProcess() {
        try {
            byte[] raw = Files.readAllBytes(MAIN_PROCESS);
            return of(Arrays.asList(new String(raw, StandardCharsets.UTF_8).split("\0")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The first argument after {@code -jar <...wsprobe.jar>} that is not an option; null when there is none. */
    static String of(List<String> commandLine) {
        int jar = commandLine.indexOf("-jar");
        if (jar < 0 || jar + 1 >= commandLine.size() || !commandLine.get(jar + 1).endsWith("wsprobe.jar")) {
            return null;
        }
        for (String argument : commandLine.subList(jar + 2, commandLine.size())) {
            if (!argument.startsWith("-")) {
                return argument;
            }
        }
        return null;
    }
}
