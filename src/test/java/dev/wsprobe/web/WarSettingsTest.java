package dev.wsprobe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WarSettingsTest {
    private static WarSettings settings(Map<String, String> environment, Map<String, String> properties,
            Map<String, String> contextParameters) {
        return new WarSettings(environment::get, properties::get, contextParameters::get);
    }

    @Test
    void environmentBeatsSystemPropertyBeatsContextParameter() {
        Map<String, String> context = Map.of("wsprobe.send.to", "ws://context/receive");
        Map<String, String> properties = Map.of("wsprobe.send.to", "ws://property/receive");
        Map<String, String> environment = Map.of("WSPROBE_SEND_TO", "ws://environment/receive");

        assertEquals(new WarSettings.Value("ws://environment/receive", "environment variable WSPROBE_SEND_TO"),
                settings(environment, properties, context).get(WarSettings.SEND_TO).orElseThrow());
        assertEquals(new WarSettings.Value("ws://property/receive", "system property wsprobe.send.to"),
                settings(Map.of(), properties, context).get(WarSettings.SEND_TO).orElseThrow());
        assertEquals(new WarSettings.Value("ws://context/receive", "context parameter wsprobe.send.to"),
                settings(Map.of(), Map.of(), context).get(WarSettings.SEND_TO).orElseThrow());
    }

    @Test
    void unsetOrBlankMeansTheDefault() {
        assertTrue(settings(Map.of(), Map.of(), Map.of()).get(WarSettings.SEND_TO).isEmpty());
        assertTrue(settings(Map.of("WSPROBE_MAX_MESSAGE_SIZE", "  "), Map.of(), Map.of())
                .get(WarSettings.MAX_MESSAGE_SIZE).isEmpty());
        assertEquals("1k", settings(Map.of("WSPROBE_MAX_MESSAGE_SIZE", " "), Map.of(),
                Map.of("wsprobe.max.message.size", " 1k ")).get(WarSettings.MAX_MESSAGE_SIZE).orElseThrow().text());
    }
}
