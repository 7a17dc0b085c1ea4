package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code /metrics} page read by parsers nobody on this project wrote: Prometheus' own {@code promtool check
 * metrics} (Debian's {@code prometheus} package) judges the page as Prometheus would, and the parser of the Python
 * client library ({@code python3-prometheus-client}, {@code prometheus_client.parser}) turns it into samples whose
 * values the tests compare. The Prometheus Java client writes the format but has no parser of its own.
 */
public final class PrometheusText {
    public static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final String INSTALL = "apt-get install -y --no-install-recommends prometheus "
            + "python3-prometheus-client";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Await.PATIENCE).build();
    /** Prints one line per sample, {@code name{label="value",...}<TAB>value} with the labels sorted. */
    private static final String PARSE = String.join("\n",
            "import sys",
            "from prometheus_client.parser import text_string_to_metric_families",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    print('# ' + family.name + ' ' + family.type)",
            "    for s in family.samples:",
            "        labels = ','.join(k + '=\"' + v + '\"' for k, v in sorted(s.labels.items()))",
            "        print(s.name + '{' + labels + '}\\t' + repr(float(s.value)))");

    /** The samples of a page: {@code wsprobe_closes_total{code="4xxx",endpoint="echo"}} to its value. */
    public record Samples(Map<String, Double> values, Map<String, String> types) {
        /** The value of {@code name} with {@code labels} (name, value, ... in any order), failing when absent. */
        public double get(String name, String... labels) {
            String key = key(name, labels);
            Double value = values.get(key);
            assertTrue(value != null, key + " is not on the page; it has " + values.keySet());
            return value;
        }

        /** The value, or 0 when the page has no such sample (a counter that never counted). */
        public double getOrZero(String name, String... labels) {
            return values.getOrDefault(key(name, labels), 0.0);
        }

        /** The type the page declared for a family ({@code counter}, {@code gauge}, {@code histogram}). */
        public String type(String family) {
            return types.get(family);
        }

        private static String key(String name, String... labels) {
            Map<String, String> sorted = new java.util.TreeMap<>();
            for (int i = 0; i + 1 < labels.length; i += 2) {
                sorted.put(labels[i], labels[i + 1]);
            }
            StringBuilder key = new StringBuilder(name).append('{');
            sorted.forEach((label, value) -> key.append(key.charAt(key.length() - 1) == '{' ? "" : ",")
                    .append(label).append("=\"").append(value).append('"'));
            return key.append('}').toString();
        }
    }

    private PrometheusText() {
    }

    /** Skips (or, in CI, fails) the calling test when promtool or the Python parser is missing. */
    public static void require() {
        ThirdPartyPeer.require(Files.isExecutable(PROMTOOL) && pythonParserInstalled(),
                "promtool (" + PROMTOOL + ") and the Python Prometheus client (" + PYTHON + ")", INSTALL);
    }

    /** GETs {@code url}: the page, after checking the status and the text format's content type. */
    public static String scrape(URI url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Await.PATIENCE).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), url + " answered " + response.statusCode() + ": " + response.body());
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("text/plain") && type.contains("version=0.0.4"),
                "the Prometheus text format's content type, got " + type);
        return response.body();
    }

    /** {@code promtool check metrics} accepts the page: exit 0 and no complaint (it also lints names and help). */
    public static void assertValid(String page) throws IOException, InterruptedException {
        Result checked = run(List.of(PROMTOOL.toString(), "check", "metrics"), page);
        assertEquals(0, checked.exit(), "promtool check metrics: " + checked.output() + "\n" + page);
        assertEquals("", checked.output().strip(), "promtool check metrics complained:\n" + page);
    }

    /** The page's samples, as the Python client's parser reads them. */
    public static Samples parse(String page) throws IOException, InterruptedException {
        Result parsed = run(List.of(PYTHON.toString(), "-c", PARSE), page);
        assertEquals(0, parsed.exit(), "the Python parser refused the page: " + parsed.output() + "\n" + page);
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : parsed.output().split("\n")) {
            if (line.startsWith("# ")) {
                String[] family = line.substring(2).split(" ");
                types.put(family[0], family[1]);
            } else if (!line.isBlank()) {
                int tab = line.lastIndexOf('\t');
                String value = line.substring(tab + 1);
                values.put(line.substring(0, tab), value.equals("inf") ? Double.POSITIVE_INFINITY
                        : Double.parseDouble(value));
            }
        }
        return new Samples(values, types);
    }

    /** Scrapes {@code url}, checks the page with promtool and parses it. */
    public static Samples scrapeChecked(URI url) throws IOException, InterruptedException {
        String page = scrape(url);
        assertValid(page);
        return parse(page);
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, String input) throws IOException, InterruptedException {
        Path out = Files.createTempFile("wsprobe-metrics", ".out");
        Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError(command.get(0) + " did not finish within " + Await.PATIENCE.toSeconds() + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(out);
        }
    }

    private static boolean pythonParserInstalled() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            return run(List.of(PYTHON.toString(), "-c", "import prometheus_client.parser"), "").exit() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
