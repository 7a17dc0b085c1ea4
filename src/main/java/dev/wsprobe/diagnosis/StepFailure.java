package dev.wsprobe.diagnosis;

/**
 * What a classifier makes of a failed step: the step the report marks as failed (not always the one that was
 * running: a client certificate refused during the upgrade is a TLS failure), the short detail the report
 * shows for it, and the diagnosis.
 */
public record StepFailure(DiagnosisCode.Step step, String detail, Diagnosis diagnosis) {
}
