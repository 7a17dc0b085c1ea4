package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the repository's Dockerfiles, read well enough for tests to run what the image runs: its
 * instructions (continuation lines joined, comments dropped), exec-form commands, and {@code ENV} values. No
 * Docker engine runs here, so this is how the tests keep the files and the tested behaviour together.
 */
public final class Dockerfile {
    /** An instruction: its keyword in upper case and the rest of the line. */
    public record Instruction(String keyword, String arguments) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");

    public final Path file;
    private final List<Instruction> instructions;

    private Dockerfile(Path file, List<Instruction> instructions) {
        this.file = file;
        this.instructions = instructions;
    }

    /** The repository's docker/ directory: failsafe passes it; surefire runs in the repository root. */
    public static Path dockerDirectory() {
        return Path.of(System.getProperty("wsprobe.docker.dir", "docker"));
    }

    /** {@code docker/<image>/Dockerfile}. */
    public static Dockerfile of(String image) throws IOException {
        Path file = dockerDirectory().resolve(image).resolve("Dockerfile");
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && logical.length() == 0)) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                logical.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            logical.append(stripped);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (!text.isEmpty()) {
                int space = text.indexOf(' ');
                instructions.add(new Instruction(text.substring(0, space).toUpperCase(Locale.ROOT),
                        text.substring(space + 1).strip()));
            }
        }
        return new Dockerfile(file, instructions);
    }

    public List<Instruction> all(String keyword) {
        return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
    }

    /** The single instruction with this keyword (the last one wins in Docker; tests expect exactly one). */
    public String only(String keyword) {
        List<Instruction> found = all(keyword);
        assertEquals(1, found.size(), file + ": " + keyword + " instructions " + found);
        return found.get(0).arguments();
    }

    /** The {@code ENV} settings of the final stage, in order (values unquoted). */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Instruction instruction : instructions) {
            if (instruction.keyword().equals("FROM")) {
                environment.clear(); // a new stage starts with its own environment
            } else if (instruction.keyword().equals("ENV")) {
                Matcher pair = ENV_PAIR.matcher(instruction.arguments());
                while (pair.find()) {
                    String value = pair.group(2);
                    environment.put(pair.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1)
                            : value);
                }
            }
        }
        return environment;
    }

    /** An exec-form command ({@code ["java", "-jar", ...]}) as its words. */
    public static List<String> execForm(String arguments) {
        assertTrue(arguments.startsWith("["), "not in exec form (a JSON array): " + arguments);
        try (JsonReader reader = Json.createReader(new StringReader(arguments))) {
            return reader.readArray().getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
    }

    /** The words after {@code -jar <jar>} of a java command: what the jar itself is asked to do. */
    public static List<String> jarArguments(List<String> javaCommand, String jarInImage) {
        int jar = javaCommand.indexOf("-jar");
        assertTrue(jar > 0 && javaCommand.get(0).equals("java") && javaCommand.get(jar + 1).equals(jarInImage),
                "expected java ... -jar " + jarInImage + " ...: " + javaCommand);
        return javaCommand.subList(jar + 2, javaCommand.size());
    }

    /** The exec-form command after a {@code HEALTHCHECK}'s options. */
    public String healthCheckCommand() {
        String healthcheck = only("HEALTHCHECK");
        int cmd = healthcheck.indexOf("CMD ");
        assertTrue(cmd >= 0, file + ": HEALTHCHECK without CMD: " + healthcheck);
        return healthcheck.substring(cmd + 4).strip();
    }
}
