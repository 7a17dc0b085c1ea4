package dev.wsprobe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the interoperability tests proved, one line per case that passed, in {@code target/interop-results/} (one
 * file per pair). A test records a case only after its assertions held; {@code InteropMatrixIT} renders the
 * files into the table of docs/interop.md and checks the document against them.
 */
public final class InteropResults {
    public static final Path DIRECTORY = Path.of("target", "interop-results");

    /** The transport a case ran over. */
    public enum Transport {
        WS, WSS;

        public static Transport of(boolean secure) {
            return secure ? WSS : WS;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * How a case ended. Only PASS since the last known problem (Tyrus over TLS against Jetty's close) was fixed;
     * a constant for a documented third-party problem goes here if one ever needs its own cell in the matrix.
     */
    public enum Outcome {
        PASS("pass");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One case's outcome. */
    public record Result(InteropPair pair, InteropCase testCase, Transport transport, Outcome outcome) {
        String line() {
            return pair.name() + "\t" + testCase.name() + "\t" + transport.name() + "\t" + outcome.name();
        }

        static Result parse(String line) {
            String[] fields = line.split("\t");
            return new Result(InteropPair.valueOf(fields[0]), InteropCase.valueOf(fields[1]),
                    Transport.valueOf(fields[2]), Outcome.valueOf(fields[3]));
        }
    }

    private InteropResults() {
    }

    /** Forgets what an earlier run proved for this pair; a test class calls it before its first case. */
    public static synchronized void startPair(InteropPair pair) {
        try {
            Files.deleteIfExists(file(pair));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void passed(InteropPair pair, InteropCase testCase, boolean secure) {
        record(pair, testCase, secure, Outcome.PASS);
    }

    private static synchronized void record(InteropPair pair, InteropCase testCase, boolean secure, Outcome outcome) {
        if (!pair.cases().contains(testCase)) {
            throw new IllegalArgumentException(testCase + " is not a case of " + pair + "; add it in InteropPair");
        }
        try {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file(pair), new Result(pair, testCase, Transport.of(secure), outcome).line() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Result> read(InteropPair pair) throws IOException {
        List<Result> results = new ArrayList<>();
        if (Files.isRegularFile(file(pair))) {
            for (String line : Files.readAllLines(file(pair), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    results.add(Result.parse(line));
                }
            }
        }
        return results;
    }

    private static Path file(InteropPair pair) {
        return DIRECTORY.resolve(pair.name().toLowerCase(Locale.ROOT) + ".tsv");
    }
}
