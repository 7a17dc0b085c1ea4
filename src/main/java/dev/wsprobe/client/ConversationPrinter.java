package dev.wsprobe.client;

import dev.wsprobe.diagnosis.CloseDescriptions;
import dev.wsprobe.diagnosis.Json;
import jakarta.websocket.CloseReason;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints {@code connect}'s events in one of three forms:
 * <ul>
 * <li>{@link Form#TERMINAL}: everything on one stream, each message with direction, time, type and size;</li>
 * <li>{@link Form#PIPE}: the payloads received on {@code out}, one per line, and everything else on
 * {@code notes}, so {@code echo hi | wsprobe connect URL} prints {@code hi};</li>
 * <li>{@link Form#JSON}: one JSON object per event on {@code out} (JSON Lines), each with its time.</li>
 * </ul>
 * Text that did not come from the user (close reasons, error messages) is scrubbed of the client's secrets.
 */
public final class ConversationPrinter implements Conversation.Listener {
    public enum Form { TERMINAL, PIPE, JSON }

    public enum BinaryAs {
        HEX, BASE64;

        public static BinaryAs parse(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "hex" -> HEX;
                case "base64" -> BASE64;
                default -> throw new IllegalArgumentException("--binary-as must be hex or base64, got '" + text + "'");
            };
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);

    private final Form form;
    private final BinaryAs binaryAs;
    private final boolean showControl;
    private final PrintStream out;
    private final PrintStream notes;
    private final List<String> secrets;
    private final Clock clock;

    public ConversationPrinter(Form form, BinaryAs binaryAs, boolean showControl, PrintStream out, PrintStream notes,
            List<String> secrets, Clock clock) {
        this.form = form;
        this.binaryAs = binaryAs;
        this.showControl = showControl;
        this.out = out;
        this.notes = notes;
        this.secrets = List.copyOf(secrets);
        this.clock = clock;
    }

    /** After the handshake: what was agreed. */
    public synchronized void opened(String url, String subprotocol, List<String> extensions) {
        String protocol = subprotocol == null || subprotocol.isEmpty() ? null : subprotocol;
        if (form == Form.JSON) {
            json("open", "\"url\":" + Json.string(url) + ",\"subprotocol\":" + Json.string(protocol)
                    + ",\"extensions\":[" + extensions.stream().map(Json::string).collect(Collectors.joining(","))
                    + "]");
            return;
        }
        note("connected to " + url + " (subprotocol: " + (protocol == null ? "none" : protocol) + ", extensions: "
                + (extensions.isEmpty() ? "none" : String.join(", ", extensions)) + ")"
                + (form == Form.TERMINAL ? "; type a message and Enter to send it, /help for commands" : ""));
    }

    public synchronized void sent(String text) {
        message(">", "sent", "text", text.getBytes(StandardCharsets.UTF_8).length, text, false);
    }

    public synchronized void sent(byte[] binary) {
        message(">", "sent", "binary", binary.length, render(binary), false);
    }

    public synchronized void pingSent(String text) {
        if (showControl || form == Form.JSON) {
            control(">", "ping", text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public synchronized void received(String text) {
        message("<", "received", "text", text.getBytes(StandardCharsets.UTF_8).length, text, true);
    }

    @Override
    public synchronized void received(ByteBuffer binary) {
        byte[] bytes = new byte[binary.remaining()];
        binary.get(bytes);
        message("<", "received", "binary", bytes.length, render(bytes), true);
    }

    @Override
    public synchronized void pong(ByteBuffer payload) {
        if (showControl || form == Form.JSON) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            control("<", "pong", bytes);
        }
    }

    @Override
    public synchronized void closed(CloseReason reason, boolean byUs) {
        int code = reason.getCloseCode().getCode();
        String phrase = scrub(reason.getReasonPhrase() == null ? "" : reason.getReasonPhrase());
        if (form == Form.JSON) {
            json("close", "\"code\":" + code + ",\"reason\":" + Json.string(phrase) + ",\"by\":"
                    + Json.string(byUs ? "client" : "server"));
            return;
        }
        note((byUs ? "closed: " : "the server closed the connection: ") + CloseDescriptions.describeCode(code)
                + (phrase.isEmpty() ? "" : ", reason: " + phrase));
    }

    @Override
    public synchronized void error(Throwable error) {
        problem(error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
    }

    /** A failure or a refused input, one line. */
    public synchronized void problem(String message) {
        String clean = scrub(message);
        if (form == Form.JSON) {
            json("error", "\"message\":" + Json.string(clean));
            return;
        }
        (form == Form.TERMINAL ? out : notes).println("! " + clean);
        flush();
    }

    /** Information for the user (never a payload): stderr except on a terminal. */
    public synchronized void note(String message) {
        if (form == Form.JSON) {
            json("note", "\"message\":" + Json.string(scrub(message)));
            return;
        }
        (form == Form.TERMINAL ? out : notes).println(form == Form.TERMINAL ? "* " + scrub(message)
                : "wsprobe: " + scrub(message));
        flush();
    }

    /** Lines that go to the terminal as they are (the /help list). */
    public synchronized void plain(String text) {
        (form == Form.PIPE ? notes : out).println(text);
        flush();
    }

    private void message(String arrow, String event, String type, int size, String data, boolean incoming) {
        switch (form) {
            case JSON -> json(event, "\"type\":" + Json.string(type) + ",\"size\":" + size + ",\"data\":"
                    + Json.string(data) + (type.equals("binary") ? ",\"encoding\":"
                    + Json.string(binaryAs.name().toLowerCase(Locale.ROOT)) : ""));
            case PIPE -> {
                if (incoming) {
                    out.println(data);
                }
            }
            case TERMINAL -> {
                if (incoming || type.equals("binary")) {
                    out.println(arrow + " " + now() + " " + type + " " + size + " B: " + data);
                }
            }
        }
        flush();
    }

    private void control(String arrow, String type, byte[] payload) {
        if (form == Form.JSON) {
            json(type, "\"size\":" + payload.length + ",\"data\":" + Json.string(new String(payload,
                    StandardCharsets.UTF_8)));
            return;
        }
        (form == Form.TERMINAL ? out : notes).println(arrow + " " + now() + " " + type + " " + payload.length + " B"
                + (payload.length == 0 ? "" : ": " + new String(payload, StandardCharsets.UTF_8)));
        flush();
    }

    private void json(String event, String fields) {
        out.println("{\"time\":" + Json.string(Instant.now(clock).toString()) + ",\"event\":" + Json.string(event)
                + (fields.isEmpty() ? "" : "," + fields) + "}");
        flush();
    }

    private String render(byte[] bytes) {
        return binaryAs == BinaryAs.HEX ? HexFormat.ofDelimiter(" ").formatHex(bytes)
                : Base64.getEncoder().encodeToString(bytes);
    }

    private String now() {
        return LocalTime.ofInstant(clock.instant(), ZoneId.systemDefault()).format(TIME);
    }

    private String scrub(String text) {
        return Secrets.scrub(text, secrets);
    }

    private void flush() {
        out.flush();
        notes.flush();
    }
}
