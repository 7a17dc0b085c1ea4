package dev.wsprobe.web;

import jakarta.servlet.ServletContext;
import dev.wsprobe.server.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The WAR's configuration, all read here in one order: a system property of the server's JVM
 * ({@code wsprobe.NAME}), else an environment variable ({@code WSPROBE_NAME}, upper case, dots and dashes as
 * underscores), else a context parameter ({@code wsprobe.NAME}, in web.xml or the server's deployment
 * descriptor). The first one that is set and not blank wins; none means the documented default (README,
 * "Deploy the WAR"). A system property first because it is the one an operator can set per server instance
 * without touching the process environment or the archive.
 */
final class WarSettings {

    /** One setting, by the name it has as system property and context parameter. */
    record Setting(String name) {
        String environmentVariable() {
            return name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    /** A value and where it came from, for the start-up log and error messages. */
    record Value(String text, String source) {
    }

    /** ws:// or wss:// URL the in-container sender sends to; unset (the default) means no sender. */
    static final Setting SEND_TO = new Setting("wsprobe.send.to");
    /** Time between the in-container sender's messages ({@code 1s}, {@code 500ms}, {@code 2m}); default 1s. */
    static final Setting SEND_INTERVAL = new Setting("wsprobe.send.interval");
    /** Messages the in-container sender sends before closing normally; default 0, no limit. */
    static final Setting SEND_COUNT = new Setting("wsprobe.send.count");
    /** The in-container sender's message text, {@code {date}} and {@code {n}} filled in; default the seed's. */
    static final Setting SEND_TEXT = new Setting("wsprobe.send.text");
    /** Largest message the endpoints accept ({@code 65536}, {@code 64k}, {@code 1m}); default 64k. */
    static final Setting MAX_MESSAGE_SIZE = new Setting("wsprobe.max.message.size");
    /** Message lines: {@code auto} (default), {@code every} or {@code summary}; see {@code MessageLogging}. */
    static final Setting LOG_MESSAGES = new Setting("wsprobe.log.messages");
    /** More pages allowed to connect: comma-separated origins, {@code *} or {@code null}; default none. */
    static final Setting ALLOWED_ORIGINS = new Setting("wsprobe.allowed-origins");

    /** Subprotocols the endpoints accept, comma-separated; default none given: the client's first offer. */
    static final Setting SUBPROTOCOLS = new Setting("wsprobe.subprotocols");
    /** {@code true}: each connection's first message says which server answered; default {@code false}. */
    static final Setting ANNOUNCE = new Setting("wsprobe.announce");

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> contextParameters;

    WarSettings(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
            UnaryOperator<String> contextParameters) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.contextParameters = contextParameters;
    }

    static WarSettings of(ServletContext context) {
        return new WarSettings(System::getProperty, System::getenv, context::getInitParameter);
    }

    Optional<Value> get(Setting setting) {
        return first(systemProperties.apply(setting.name()), "system property " + setting.name())
                .or(() -> first(environment.apply(setting.environmentVariable()),
                        "environment variable " + setting.environmentVariable()))
                .or(() -> first(contextParameters.apply(setting.name()), "context parameter " + setting.name()));
    }

    private static Optional<Value> first(String text, String source) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(new Value(text.trim(), source));
    }


    /**
     * A positive duration written as the standalone sender's {@code --interval}: {@code 1s}, {@code 500ms},
     * {@code 2m}, or a bare number of seconds.
     *
     * @throws IllegalArgumentException naming what to write instead
     */
    static Duration positiveDuration(String text) {
        Duration duration = Durations.parse(text);
        if (duration.isZero()) {
            throw new IllegalArgumentException("'" + text + "' is no time at all; write a positive duration, e.g. 1s, "
                    + "500ms or 2m");
        }
        return duration;
    }

    /**
     * A message count as the standalone sender's {@code --count}: 0 for no limit, or a positive whole number.
     *
     * @throws IllegalArgumentException naming what to write instead
     */
    static long count(String text) {
        try {
            long count = Long.parseLong(text.trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new IllegalArgumentException("'" + text + "' is not a count; write 0 (no limit) or a positive whole "
                + "number, e.g. 10");
    }
}
