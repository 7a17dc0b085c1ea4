package dev.wsprobe.diagnosis;

import java.time.Duration;
import java.util.Locale;

/** How durations read in messages meant for people. */
public final class Words {
    private Words() {
    }

    /** {@code 5 s}, {@code 0.3 s}, {@code 2.5 s}. */
    public static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0).replace(".0 s", " s");
    }
}
