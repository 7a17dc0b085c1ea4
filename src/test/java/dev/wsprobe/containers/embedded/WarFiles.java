package dev.wsprobe.containers.embedded;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsprobe.containers.WarArchives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;

/** The WAR files the embedded containers deploy, as files: the built one, or a configured copy written out. */
public final class WarFiles {
    private WarFiles() {
    }

    /** {@code target/wsprobe.war}, exactly as Maven built it. */
    public static Path built() {
        String path = System.getProperty("wsprobe.war");
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            fail("target/wsprobe.war not found (system property wsprobe.war=" + path + "); run through `mvn verify`");
        }
        return Path.of(path);
    }

    /**
     * The built WAR plus a web.xml with these context parameters, written to {@code directory/fileName}: the
     * documented way to configure one deployment.
     */
    public static Path configured(Path directory, String fileName, Map<String, String> contextParameters)
            throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName);
        WarArchives.configured(fileName, contextParameters).as(ZipExporter.class).exportTo(file.toFile(), true);
        assertTrue(Files.size(file) > 0, file + " written");
        return file;
    }

    /** A fresh, empty directory for one test class's server under target/ (the build's own directory). */
    public static Path workDirectory(String name) throws IOException {
        Path directory = built().toAbsolutePath().getParent().resolve("containers").resolve(name);
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
        return directory;
    }
}
