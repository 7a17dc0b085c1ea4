package dev.wsprobe.sender;

import java.net.URI;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a sender numbers its messages and how a receiver acknowledges them, shared by both sides.
 *
 * <ul>
 *   <li>A message ends in {@code #<n>}, counting from 1 (the default text is
 *       {@code Hello Cruel World <date> #<n>}; custom texts use {@code {n}}).</li>
 *   <li>The sender names itself in the query string, {@code ?wsprobe-sender=<id>}, so the receiver can follow
 *       its numbers across reconnects; {@code &wsprobe-ack=1} asks for acknowledgements.</li>
 *   <li>An acknowledgement is a text message {@code ack #<n>}.</li>
 * </ul>
 */
public final class SequenceNumbers {
    public static final String SENDER_PARAMETER = "wsprobe-sender";
    public static final String ACK_PARAMETER = "wsprobe-ack";

    private static final Pattern NUMBER_AT_END = Pattern.compile("#(\\d{1,18})\\s*$");
    private static final Pattern ACK = Pattern.compile("^ack #(\\d{1,18})$");

    private SequenceNumbers() {
    }

    /** The number a message ends with, if any. */
    public static OptionalLong sequenceOf(String message) {
        Matcher match = NUMBER_AT_END.matcher(message);
        return match.find() ? OptionalLong.of(Long.parseLong(match.group(1))) : OptionalLong.empty();
    }

    public static String ack(long number) {
        return "ack #" + number;
    }

    /** The number an acknowledgement confirms, if the message is one. */
    public static OptionalLong acknowledged(String message) {
        Matcher match = ACK.matcher(message);
        return match.matches() ? OptionalLong.of(Long.parseLong(match.group(1))) : OptionalLong.empty();
    }

    /** {@code target} with the sender's name (and the ack request) added to its query string. */
    public static URI withSenderIdentity(URI target, String senderId, boolean wantAcks) {
        String added = SENDER_PARAMETER + "=" + senderId + (wantAcks ? "&" + ACK_PARAMETER + "=1" : "");
        String query = target.getRawQuery() == null ? added : target.getRawQuery() + "&" + added;
        return URI.create(target.getScheme() + "://" + target.getRawAuthority()
                + (target.getRawPath() == null ? "" : target.getRawPath()) + "?" + query);
    }
}
