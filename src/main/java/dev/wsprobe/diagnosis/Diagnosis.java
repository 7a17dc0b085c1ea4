package dev.wsprobe.diagnosis;

import java.util.Objects;

/**
 * What went wrong, in words a person can act on.
 *
 * @param code  stable name, see {@link DiagnosisCode}
 * @param cause one sentence: what happened ("connection refused by 127.0.0.1:12345: nothing is listening there")
 * @param fix   one sentence: what to try ("is the server running, on this host and port?")
 */
public record Diagnosis(DiagnosisCode code, String cause, String fix) {
    public Diagnosis {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(fix, "fix");
    }

    public boolean isTransient() {
        return code.isTransient();
    }

    /** {@code cause: fix}, the form log lines use. */
    @Override
    public String toString() {
        return cause + (fix.isEmpty() ? "" : ": " + fix);
    }
}
