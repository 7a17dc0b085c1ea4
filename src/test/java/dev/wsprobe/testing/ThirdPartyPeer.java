package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test does when a third-party peer is not installed: in CI (CI=true) that is a failure, because CI
 * installs it; on a developer's machine the test is skipped with a message saying what to install.
 */
public final class ThirdPartyPeer {
    private ThirdPartyPeer() {
    }

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    public static void require(boolean present, String what, String howToInstall) {
        if (present) {
            return;
        }
        String message = what + " is not installed; install it with: " + howToInstall;
        if (inCi()) {
            fail(message + " (CI=true: .ci/run should have installed it)");
        }
        System.getLogger(ThirdPartyPeer.class.getName()).log(System.Logger.Level.WARNING, "skipping: " + message);
        Assumptions.abort(message);
    }
}
