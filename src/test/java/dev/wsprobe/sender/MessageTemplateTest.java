package dev.wsprobe.sender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MessageTemplateTest {
    private static final Instant NOON = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void defaultIsTheSeedsTextWithAnIsoDateAndTheMessageNumber() {
        MessageTemplate template = new MessageTemplate(MessageTemplate.DEFAULT, Clock.fixed(NOON, ZoneOffset.UTC));
        assertEquals("Hello Cruel World 2026-11-26T12:00:00.000Z #1", template.render(1));
    }

    @Test
    void dateCarriesTheLocalOffsetAndNumberIsSubstituted() {
        Clock paris = Clock.fixed(NOON, ZoneId.of("Europe/Paris"));
        assertEquals("#7 at 2026-11-26T13:00:00.000+01:00", new MessageTemplate("#{n} at {date}", paris).render(7));
    }
}
