package dev.wsprobe.cli;

import dev.wsprobe.diagnosis.Failures;
import dev.wsprobe.load.HistogramLogFile;
import dev.wsprobe.load.LoadResult;
import dev.wsprobe.load.StartAt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** {@code load --histogram-out FILE}: checked before the run (so a typo costs no run), written after it. */
final class HistogramOut {
    private HistogramOut() {
    }

    /** A file that could not be written at the end is a run lost: say so before connecting. */
    static void check(Path file) {
        if (file == null) {
            return;
        }
        Path directory = file.toAbsolutePath().getParent();
        if (Files.isDirectory(file)) {
            throw new UserError(ExitCodes.SETUP, "--histogram-out " + file + " is a directory; give a file name");
        }
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UserError(ExitCodes.SETUP, "--histogram-out " + file + ": the directory " + directory
                    + " does not exist; create it first");
        }
        if (!Files.isWritable(directory) || Files.exists(file) && !Files.isWritable(file)) {
            throw new UserError(ExitCodes.SETUP, "--histogram-out " + file + ": cannot be written here "
                    + "(permission denied)");
        }
    }

    static void write(Path file, LoadResult result, StartAt startAt) {
        if (file == null) {
            return;
        }
        try {
            HistogramLogFile.write(file, result, startAt, HistogramLogFile.localHostName(), Instant.now());
        } catch (IOException e) {
            throw new UserError(ExitCodes.SETUP, "--histogram-out " + file + " could not be written: "
                    + Failures.summary(e), e);
        }
    }
}
