package dev.wsprobe.diagnosis;

import jakarta.websocket.CloseReason;
import java.util.Locale;

/** Close codes in words, as the logs show them: {@code code: 1009 (too big), reason: Message too big}. */
public final class CloseDescriptions {
    private CloseDescriptions() {
    }

    public static String describe(CloseReason reason) {
        String phrase = reason.getReasonPhrase();
        return "code: " + describeCode(reason.getCloseCode().getCode())
                + ", reason: " + (phrase == null || phrase.isEmpty() ? "-" : phrase);
    }

    /** {@code 1001 (going away)}; codes outside RFC 6455's registry show only the number. */
    public static String describeCode(int code) {
        for (CloseReason.CloseCodes known : CloseReason.CloseCodes.values()) {
            if (known.getCode() == code) {
                return code + " (" + known.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
            }
        }
        return Integer.toString(code);
    }
}
