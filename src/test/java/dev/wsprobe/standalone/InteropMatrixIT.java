package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.InteropCase;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.InteropResults.Outcome;
import dev.wsprobe.testing.InteropResults.Result;
import dev.wsprobe.testing.InteropResults.Transport;
import dev.wsprobe.testing.ThirdPartyPeer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/interop.md's matrix is what the interoperability tests proved in this build, not what someone typed:
 * the unit-test phase records every passed case in target/interop-results/, and this check (run after it)
 * renders those results and compares them with the document. {@code -Dwsprobe.interop.update=true} rewrites the
 * document's table instead; the rendered table is also left in target/interop-matrix.md.
 */
class InteropMatrixIT {
    static final Path DOCUMENT = Path.of("docs", "interop.md");
    static final String BEGIN = "<!-- interop-matrix:begin: generated from the tests' results by InteropMatrixIT; "
            + "regenerate with mvn -B verify -Dwsprobe.interop.update=true -->";
    static final String END = "<!-- interop-matrix:end -->";

    @Test
    void documentShowsExactlyWhatTheTestsProved() throws Exception {
        Map<InteropPair, Map<String, Outcome>> proved = new EnumMap<>(InteropPair.class);
        List<InteropPair> notRun = new ArrayList<>();
        for (InteropPair pair : InteropPair.values()) {
            List<Result> results = InteropResults.read(pair);
            if (results.isEmpty()) {
                notRun.add(pair);
            } else {
                proved.put(pair, results.stream().collect(Collectors.toMap(
                        r -> r.testCase() + "/" + r.transport(), Result::outcome, (first, second) -> second)));
            }
        }
        if (ThirdPartyPeer.inCi()) {
            assertEquals(List.of(), notRun, "in CI every pair must have run");
        }
        for (Map.Entry<InteropPair, Map<String, Outcome>> entry : proved.entrySet()) {
            assertEquals(List.of(), missing(entry.getKey(), entry.getValue()),
                    entry.getKey() + ": cases that did not pass");
        }

        List<String> rendered = render(proved);
        Files.writeString(Path.of("target", "interop-matrix.md"), String.join("\n", rendered) + "\n",
                StandardCharsets.UTF_8);
        String document = Files.readString(DOCUMENT, StandardCharsets.UTF_8);
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        assertTrue(begin >= 0 && end > begin, DOCUMENT + " lacks the markers " + BEGIN + " ... " + END);
        if (Boolean.getBoolean("wsprobe.interop.update")) {
            assertEquals(List.of(), notRun, "regenerate only from a run where every pair ran (install Chromium)");
            String updated = document.substring(0, begin + BEGIN.length()) + "\n" + String.join("\n", rendered)
                    + "\n" + document.substring(end);
            Files.writeString(DOCUMENT, updated, StandardCharsets.UTF_8);
            return;
        }
        List<String> documented = document.substring(begin + BEGIN.length(), end).strip().lines().toList();
        String hint = DOCUMENT + " does not match what the tests proved; regenerate it with "
                + "`mvn -B verify -Dwsprobe.interop.update=true` (rendered table: target/interop-matrix.md)";
        if (notRun.isEmpty()) {
            assertEquals(String.join("\n", rendered), String.join("\n", documented), hint);
        } else {
            // a peer skipped on this machine (no Chromium): check the rows of the pairs that did run
            for (InteropPair pair : proved.keySet()) {
                assertEquals(rowsOf(pair, rendered), rowsOf(pair, documented), hint);
            }
        }
    }

    /** The check above, on a pair that recorded every case but one: that one is named, over its transport. */
    @Test
    void aCaseAPairDidNotRecordIsReportedMissing() {
        InteropPair pair = InteropPair.PYTHON_TO_WSPROBE;
        Map<String, Outcome> proved = new java.util.HashMap<>();
        for (InteropCase testCase : pair.cases()) {
            for (Transport transport : Transport.values()) {
                proved.put(testCase + "/" + transport, Outcome.PASS);
            }
        }
        assertEquals(List.of(), missing(pair, proved));
        proved.remove(InteropCase.COMPRESSION + "/" + Transport.WSS);
        assertEquals(List.of("COMPRESSION over wss"), missing(pair, proved));
    }

    /** The cases of {@code pair}, over each transport, that {@code proved} lacks. */
    private static List<String> missing(InteropPair pair, Map<String, Outcome> proved) {
        List<String> missing = new ArrayList<>();
        for (InteropCase testCase : pair.cases()) {
            for (Transport transport : Transport.values()) {
                if (!proved.containsKey(testCase + "/" + transport)) {
                    missing.add(testCase + " over " + transport.label());
                }
            }
        }
        return missing;
    }

    private static List<String> render(Map<InteropPair, Map<String, Outcome>> proved) {
        List<String> lines = new ArrayList<>();
        lines.add("| client → server | case | ws | wss |");
        lines.add("|---|---|---|---|");
        for (InteropPair pair : InteropPair.values()) {
            Map<String, Outcome> passed = proved.get(pair);
            if (passed == null) {
                lines.add("| " + label(pair) + " | not run on this machine (peer not installed) | - | - |");
                continue;
            }
            for (InteropCase testCase : pair.cases()) {
                lines.add("| " + label(pair) + " | " + testCase.description() + " | "
                        + cell(passed, testCase, Transport.WS) + " | " + cell(passed, testCase, Transport.WSS) + " |");
            }
        }
        return lines;
    }

    private static List<String> rowsOf(InteropPair pair, List<String> table) {
        return table.stream().filter(line -> line.startsWith("| " + label(pair) + " |")).toList();
    }

    private static String label(InteropPair pair) {
        return pair.client() + " → " + pair.server();
    }

    private static String cell(Map<String, Outcome> outcomes, InteropCase testCase, Transport transport) {
        Outcome outcome = outcomes.get(testCase + "/" + transport);
        return outcome == null ? "FAIL" : outcome.label();
    }
}
