package dev.wsprobe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
