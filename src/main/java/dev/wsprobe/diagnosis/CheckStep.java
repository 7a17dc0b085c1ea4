package dev.wsprobe.diagnosis;

import java.time.Duration;

/**
 * One step of a connection check, as {@code wsprobe check} prints it.
 *
 * @param step   which step
 * @param ok     whether it succeeded
 * @param took   how long it took
 * @param detail what it found (addresses, TLS parameters, HTTP status...) or what failed
 */
public record CheckStep(DiagnosisCode.Step step, boolean ok, Duration took, String detail) {
}
