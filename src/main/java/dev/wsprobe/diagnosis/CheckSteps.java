package dev.wsprobe.diagnosis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of one connection check in the order they ran, each timed from its {@link #begin()} to its pass or
 * failure. A failure ends the check: {@link #fail} records the step and returns what the step throws.
 */
final class CheckSteps {
    private final List<CheckStep> steps = new ArrayList<>();
    private long stepStarted;

    void begin() {
        stepStarted = System.nanoTime();
    }

    void pass(DiagnosisCode.Step step, String detail) {
        steps.add(new CheckStep(step, true, took(), detail));
    }

    StepFailed fail(StepFailure failure) {
        steps.add(new CheckStep(failure.step(), false, took(), failure.detail()));
        return new StepFailed(failure.diagnosis());
    }

    List<CheckStep> all() {
        return steps;
    }

    private Duration took() {
        return Duration.ofNanos(System.nanoTime() - stepStarted);
    }
}
