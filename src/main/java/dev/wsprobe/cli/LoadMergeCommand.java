package dev.wsprobe.cli;

import dev.wsprobe.load.HistogramLogFile;
import dev.wsprobe.load.LoadMerge;
import dev.wsprobe.load.RecordedRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code wsprobe load merge FILE...}: the histogram logs of several load runs as one summary. */
@Command(name = "merge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Combine the histogram logs of load runs (load --histogram-out FILE, e.g. one per machine) "
                + "into the summary load prints: counts summed, percentiles of every round trip together.",
            "Says when the runs' measured windows did not overlap (start them together with load --start-at).",
            "Exit code 0 when no run saw an error, 1 when one did, 3 when a file cannot be read or is not such "
                + "a histogram log."})
public final class LoadMergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Histogram logs written by load --histogram-out.")
    List<Path> files;

    @Option(names = "--json", description = "The summary as one JSON object (load --json's, plus windowsOverlap, "
            + "warnings and runs).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<RecordedRun> runs = new ArrayList<>();
        LoadMerge merged;
        try {
            for (Path file : files) {
                runs.add(HistogramLogFile.read(file));
            }
            merged = LoadMerge.of(runs);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.SETUP, e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? merged.json() + System.lineSeparator() : merged.text());
        out.flush();
        if (json) {
            PrintWriter err = spec.commandLine().getErr();
            merged.warnings().forEach(err::println); // the JSON has them too; people reading the terminal see them
            err.flush();
        }
        return merged.result().errors() == 0 && merged.result().whole().connected() > 0 ? ExitCodes.OK
                : ExitCodes.FAILED;
    }
}
