package dev.wsprobe.diagnosis;

import jakarta.websocket.CloseReason;

/** What a close code from the server means for a client that wants to keep sending. */
public final class CloseDiagnoses {
    private CloseDiagnoses() {
    }

    public static Diagnosis of(CloseReason reason) {
        return of(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    public static Diagnosis of(int code, String reason) {
        String said = CloseDescriptions.describeCode(code)
                + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
        return switch (code) {
            case 1006 -> new Diagnosis(DiagnosisCode.CONNECTION_DROPPED,
                    "the connection dropped without a close frame (1006)",
                    "retrying; if it repeats, look at the server's log and at proxy timeouts");
            case 1000, 1001, 1011, 1012, 1013, 1014 -> new Diagnosis(DiagnosisCode.SERVER_CLOSED_TRANSIENT,
                    "the server closed the connection: " + said, "retrying until the server takes connections again");
            case 1009 -> new Diagnosis(DiagnosisCode.SERVER_CLOSED_PERMANENT,
                    "the server closed the connection: " + said,
                    "send smaller messages, or raise the server's limit (wsprobe server --max-message-size)");
            default -> new Diagnosis(DiagnosisCode.SERVER_CLOSED_PERMANENT,
                    "the server closed the connection: " + said,
                    "the server objects to what this client sends; look at the server's log");
        };
    }
}
