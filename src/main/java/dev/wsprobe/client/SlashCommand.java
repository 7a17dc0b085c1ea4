package dev.wsprobe.client;

import java.util.HexFormat;
import java.util.Locale;

/**
 * A line typed in {@code connect}'s terminal mode: a text message, or one of the slash commands
 * ({@code /ping [text]}, {@code /close [code [reason]]}, {@code /binary HEX}, {@code /quit}, {@code /help}).
 * A line starting with {@code //} sends the rest, starting with {@code /}, as text.
 */
public record SlashCommand(Kind kind, String text, byte[] bytes, int code) {
    public enum Kind { TEXT, PING, CLOSE, BINARY, QUIT, HELP }

    public static final String HELP = String.join(System.lineSeparator(),
            "  any line        sent as a text message",
            "  /ping [text]    send a ping (its pong shows with --show-control)",
            "  /close [code [reason]]  close with code (default 1000) and reason, then exit",
            "  /binary HEX     send bytes as a binary message, e.g. /binary 48 69 or /binary 4869",
            "  /quit           close normally (1000) and exit; so does end of input (Ctrl-D)",
            "  /help           this list",
            "  //text          send \"/text\" as a text message");

    /** @throws IllegalArgumentException for an unknown command or a bad argument, with a one-line reason */
    public static SlashCommand parse(String line) {
        if (!line.startsWith("/")) {
            return new SlashCommand(Kind.TEXT, line, null, 0);
        }
        if (line.startsWith("//")) {
            return new SlashCommand(Kind.TEXT, line.substring(1), null, 0);
        }
        String[] parts = line.substring(1).split("\\s+", 2);
        String argument = parts.length > 1 ? parts[1].trim() : "";
        return switch (parts[0].toLowerCase(Locale.ROOT)) {
            case "ping" -> new SlashCommand(Kind.PING, argument, null, 0);
            case "close" -> close(argument);
            case "binary" -> new SlashCommand(Kind.BINARY, null, hex(argument), 0);
            case "quit", "exit" -> new SlashCommand(Kind.QUIT, null, null, 1000);
            case "help", "?" -> new SlashCommand(Kind.HELP, null, null, 0);
            default -> throw new IllegalArgumentException("unknown command /" + parts[0]
                    + " (/help lists them; //text sends \"/text\")");
        };
    }

    private static SlashCommand close(String argument) {
        if (argument.isEmpty()) {
            return new SlashCommand(Kind.CLOSE, "", null, 1000);
        }
        String[] parts = argument.split("\\s+", 2);
        int code;
        try {
            code = Integer.parseInt(parts[0]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("/close wants a code first, e.g. /close 4000 bye");
        }
        // RFC 6455 7.4: 1000-2999 are the protocol's (of which an endpoint may send these), 3000-4999 are free
        boolean allowed = java.util.Set.of(1000, 1001, 1003, 1007, 1008, 1009, 1010, 1011).contains(code)
                || (code >= 3000 && code <= 4999);
        if (!allowed) {
            throw new IllegalArgumentException("close code " + code + " cannot be sent; use 1000, 1001, 1003, "
                    + "1007-1011 or 3000-4999");
        }
        String reason = parts.length > 1 ? parts[1] : "";
        if (reason.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 123) {
            throw new IllegalArgumentException("a close reason is at most 123 bytes");
        }
        return new SlashCommand(Kind.CLOSE, reason, null, code);
    }

    /** {@code 48 69}, {@code 4869}, {@code 0x48,0x69}. */
    public static byte[] hex(String text) {
        String digits = text.replaceAll("0[xX]", "").replaceAll("[\\s,:]", "");
        if (digits.isEmpty() || digits.length() % 2 != 0) {
            throw new IllegalArgumentException("/binary wants hex bytes, e.g. /binary 48 69");
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("/binary wants hex bytes, e.g. /binary 48 69; got '" + text + "'");
        }
    }
}
