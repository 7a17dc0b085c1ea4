package dev.wsprobe.web;

import jakarta.servlet.ServletContext;
import java.util.Locale;
import java.util.Optional;

/**
 * One setting of the WAR, looked up where an operator can set it without rebuilding: system property
 * {@code wsprobe.NAME}, then environment variable {@code WSPROBE_NAME}, then the context parameter
 * {@code wsprobe.NAME} (web.xml or the server's deployment descriptor); absent or blank means the default.
 */
record WebSetting(String name) {
    String systemProperty() {
        return "wsprobe." + name;
    }

    String environmentVariable() {
        return "WSPROBE_" + name.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }

    String contextParameter() {
        return "wsprobe." + name;
    }

    Optional<String> lookup(ServletContext context) {
        return firstNonBlank(System.getProperty(systemProperty()), System.getenv(environmentVariable()),
                context.getInitParameter(contextParameter()));
    }

    private static Optional<String> firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return Optional.of(value.trim());
            }
        }
        return Optional.empty();
    }
}
