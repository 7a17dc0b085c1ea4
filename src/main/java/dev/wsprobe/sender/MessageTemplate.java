package dev.wsprobe.sender;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The text of each periodic message. {@code {date}} becomes the send time in ISO-8601 (with the local
 * offset), {@code {n}} the message's number counting from 1. The default is the seed's
 * {@code Hello Cruel World {date}} with the number the receiver follows ({@link SequenceNumbers}) added.
 */
public final class MessageTemplate {
    public static final String DEFAULT = "Hello Cruel World {date} #{n}";

    /** ISO-8601 with a fixed three-digit fraction, so every message of a run has the same size. */
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    private final String template;
    private final Clock clock;

    public MessageTemplate(String template, Clock clock) {
        this.template = template;
        this.clock = clock;
    }

    public String render(long number) {
        String text = template;
        if (text.contains("{date}")) {
            text = text.replace("{date}", ISO_MILLIS.format(OffsetDateTime.now(clock)));
        }
        return text.replace("{n}", Long.toString(number));
    }
}
