package dev.wsprobe.web;

import jakarta.servlet.ServletContext;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The WAR's configuration. Each setting is looked up as an environment variable, else a system property of
 * the server's JVM, else a context parameter (web.xml or the server's deployment descriptor): the first one
 * that is set and not blank wins. Every setting has a documented default (README, "Deploy the WAR").
 */
final class WarSettings {

    /** One setting: its environment variable, and the name it has as system property and context parameter. */
    record Setting(String environmentVariable, String name) {
    }

    /** A value and where it came from, for the start-up log. */
    record Value(String text, String source) {
    }

    /** ws:// or wss:// URL the in-container sender sends to; unset (the default) means no sender. */
    static final Setting SEND_TO = new Setting("WSPROBE_SEND_TO", "wsprobe.send.to");
    /** Largest message the endpoints accept ({@code 65536}, {@code 64k}, {@code 1m}); default 64k. */
    static final Setting MAX_MESSAGE_SIZE = new Setting("WSPROBE_MAX_MESSAGE_SIZE", "wsprobe.max.message.size");
    /** Message lines: {@code auto} (default), {@code every} or {@code summary}; see {@code MessageLogging}. */
    static final Setting LOG_MESSAGES = new Setting("WSPROBE_LOG_MESSAGES", "wsprobe.log.messages");

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> contextParameters;

    WarSettings(UnaryOperator<String> environment, UnaryOperator<String> systemProperties,
            UnaryOperator<String> contextParameters) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.contextParameters = contextParameters;
    }

    static WarSettings of(ServletContext context) {
        return new WarSettings(System::getenv, System::getProperty, context::getInitParameter);
    }

    Optional<Value> get(Setting setting) {
        return first(environment.apply(setting.environmentVariable()),
                "environment variable " + setting.environmentVariable())
                .or(() -> first(systemProperties.apply(setting.name()), "system property " + setting.name()))
                .or(() -> first(contextParameters.apply(setting.name()), "context parameter " + setting.name()));
    }

    private static Optional<Value> first(String text, String source) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(new Value(text.trim(), source));
    }
}
