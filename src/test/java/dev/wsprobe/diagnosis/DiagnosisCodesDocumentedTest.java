package dev.wsprobe.diagnosis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each code a script may see has a row in the README's troubleshooting table. */
class DiagnosisCodesDocumentedTest {
    @ParameterizedTest
    @EnumSource(DiagnosisCode.class)
    void everyCodeHasATroubleshootingRow(DiagnosisCode code) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("| `" + code.name() + "` |") || readme.contains("`" + code.name() + "` / ")
                || readme.contains(" / `" + code.name() + "` |"), code + " has no row in README.md's troubleshooting table");
    }
}
