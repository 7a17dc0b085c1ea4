package dev.wsprobe.diagnosis;

/** Ends a connection check at the failing step (recorded by {@link CheckSteps#fail}), with its diagnosis. */
final class StepFailed extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Diagnosis diagnosis;

    StepFailed(Diagnosis diagnosis) {
        super(diagnosis.cause(), null, false, false);
        this.diagnosis = diagnosis;
    }

    Diagnosis diagnosis() {
        return diagnosis;
    }
}
