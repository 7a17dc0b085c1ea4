package dev.wsprobe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.sender.MessageTemplate;
import dev.wsprobe.sender.SenderOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One lookup order for every setting of the WAR: system property, environment variable, context parameter. */
class WarSettingsTest {
    private static WarSettings settings(Map<String, String> properties, Map<String, String> environment,
            Map<String, String> contextParameters) {
        return new WarSettings(properties::get, environment::get, contextParameters::get);
    }

    @Test
    void systemPropertyBeatsEnvironmentBeatsContextParameter() {
        Map<String, String> properties = Map.of("wsprobe.allowed-origins", "http://property.test");
        Map<String, String> environment = Map.of("WSPROBE_ALLOWED_ORIGINS", "http://environment.test");
        Map<String, String> context = Map.of("wsprobe.allowed-origins", "http://context.test");

        assertEquals(new WarSettings.Value("http://property.test", "system property wsprobe.allowed-origins"),
                settings(properties, environment, context).get(WarSettings.ALLOWED_ORIGINS).orElseThrow());
        assertEquals(new WarSettings.Value("http://environment.test",
                "environment variable WSPROBE_ALLOWED_ORIGINS"),
                settings(Map.of(), environment, context).get(WarSettings.ALLOWED_ORIGINS).orElseThrow());
        assertEquals(new WarSettings.Value("http://context.test", "context parameter wsprobe.allowed-origins"),
                settings(Map.of(), Map.of(), context).get(WarSettings.ALLOWED_ORIGINS).orElseThrow());
    }

    @Test
    void everySettingHasItsEnvironmentVariable() {
        assertEquals("WSPROBE_SEND_TO", WarSettings.SEND_TO.environmentVariable());
        assertEquals("WSPROBE_MAX_MESSAGE_SIZE", WarSettings.MAX_MESSAGE_SIZE.environmentVariable());
        assertEquals("WSPROBE_LOG_MESSAGES", WarSettings.LOG_MESSAGES.environmentVariable());
        assertEquals("WSPROBE_ALLOWED_ORIGINS", WarSettings.ALLOWED_ORIGINS.environmentVariable());
    }

    @Test
    void unsetOrBlankMeansTheDefault() {
        assertTrue(settings(Map.of(), Map.of(), Map.of()).get(WarSettings.SEND_TO).isEmpty());
        assertTrue(settings(Map.of(), Map.of("WSPROBE_MAX_MESSAGE_SIZE", "  "), Map.of())
                .get(WarSettings.MAX_MESSAGE_SIZE).isEmpty());
        assertEquals("1k", settings(Map.of("wsprobe.max.message.size", " "), Map.of("WSPROBE_MAX_MESSAGE_SIZE", " "),
                Map.of("wsprobe.max.message.size", " 1k ")).get(WarSettings.MAX_MESSAGE_SIZE).orElseThrow().text());
    }

    private static final URI TARGET = URI.create("ws://127.0.0.1:8080/wsprobe/receive");

    @Test
    void senderDefaultsAreTheStandaloneSenders() {
        SenderOptions options = InContainerSender.options(TARGET, settings(Map.of(), Map.of(), Map.of()));
        assertEquals(Duration.ofSeconds(1), options.interval());
        assertEquals(0, options.count(), "0: until undeployed");
        assertEquals(MessageTemplate.DEFAULT, options.template());
        assertEquals("Hello Cruel World {date} #{n}", options.template());
        assertEquals(Duration.ofSeconds(1), options.firstSend());
        assertEquals(TARGET, options.target());
    }

    @Test
    void senderIntervalCountAndTextComeFromEachSource() {
        SenderOptions options = InContainerSender.options(TARGET, settings(
                Map.of("wsprobe.send.interval", "250ms"),
                Map.of("WSPROBE_SEND_COUNT", "3"),
                Map.of("wsprobe.send.text", "probe {n} at {date}")));
        assertEquals(Duration.ofMillis(250), options.interval());
        assertEquals(3, options.count());
        assertEquals("probe {n} at {date}", options.template());
        assertEquals(Duration.ofMinutes(2), InContainerSender.options(TARGET, settings(Map.of(),
                Map.of("WSPROBE_SEND_INTERVAL", "2m"), Map.of())).interval());
        assertEquals(Duration.ofMillis(1500), InContainerSender.options(TARGET, settings(Map.of(), Map.of(),
                Map.of("wsprobe.send.interval", "1.5"))).interval(), "a bare number is seconds");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "wsprobe.send.interval | soon | context parameter wsprobe.send.interval: 'soon' is not a duration; write e.g. 1s, 500ms, 2m or 1h (a bare number is seconds)",
        "wsprobe.send.interval | 0s   | context parameter wsprobe.send.interval: '0s' is no time at all; write a positive duration, e.g. 1s, 500ms or 2m",
        "wsprobe.send.interval | -1s  | context parameter wsprobe.send.interval: '-1s' is not a duration; write e.g. 1s, 500ms, 2m or 1h (a bare number is seconds)",
        "wsprobe.send.count    | -1   | context parameter wsprobe.send.count: '-1' is not a count; write 0 (no limit) or a positive whole number, e.g. 10",
        "wsprobe.send.count    | many | context parameter wsprobe.send.count: 'many' is not a count; write 0 (no limit) or a positive whole number, e.g. 10",
        "wsprobe.send.count    | 2.5  | context parameter wsprobe.send.count: '2.5' is not a count; write 0 (no limit) or a positive whole number, e.g. 10"})
    void aBadSenderSettingIsOneLineNamingItsSourceAndTheFix(String name, String value, String message) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> InContainerSender.options(TARGET, settings(Map.of(), Map.of(), Map.of(name, value))));
        assertEquals(message, error.getMessage());
    }

    @Test
    void senderSettingsHaveTheirEnvironmentVariables() {
        assertEquals("WSPROBE_SEND_INTERVAL", WarSettings.SEND_INTERVAL.environmentVariable());
        assertEquals("WSPROBE_SEND_COUNT", WarSettings.SEND_COUNT.environmentVariable());
        assertEquals("WSPROBE_SEND_TEXT", WarSettings.SEND_TEXT.environmentVariable());
    }
}
