package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's nginx configuration for the compose file, {@code docker/nginx/templates/default.conf.template},
 * rendered the way the official nginx image renders it (envsubst of the {@code WSPROBE_} variables), with
 * values for a test on loopback. Every variable the template uses must be given, and nothing else: a template
 * and a test that drift apart fail here rather than in a confusing nginx error.
 */
public final class NginxTemplate {
    /** {@code ${WSPROBE_...}}, the only form the template uses (and the one envsubst replaces). */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(WSPROBE_[A-Z0-9_]+)}");
    /** {@code $WSPROBE_...} without braces: envsubst would replace it too; the template must not use it. */
    private static final Pattern BARE_VARIABLE = Pattern.compile("\\$WSPROBE_");

    private NginxTemplate() {
    }

    /** Where the template lives: failsafe passes the repository's docker/ directory. */
    public static Path file() {
        String docker = System.getProperty("wsprobe.docker.dir", "docker");
        return Path.of(docker, "nginx", "templates", "default.conf.template");
    }

    public static String render(Map<String, String> values) throws IOException {
        String template = Files.readString(file(), StandardCharsets.UTF_8);
        if (BARE_VARIABLE.matcher(template).find()) {
            fail(file() + " uses $WSPROBE_... without braces; write ${WSPROBE_...}");
        }
        Matcher variables = VARIABLE.matcher(template);
        TreeSet<String> used = new TreeSet<>();
        StringBuilder rendered = new StringBuilder();
        while (variables.find()) {
            used.add(variables.group(1));
            String value = values.get(variables.group(1));
            variables.appendReplacement(rendered, Matcher.quoteReplacement(value == null ? "" : value));
        }
        variables.appendTail(rendered);
        assertEquals(used, new TreeSet<>(values.keySet()), "the variables " + file() + " uses");
        return rendered.toString();
    }
}
