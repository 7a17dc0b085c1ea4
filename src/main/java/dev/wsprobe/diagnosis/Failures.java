package dev.wsprobe.diagnosis;

import java.util.ArrayList;
import java.util.List;

/** Exception chains in one line, without class names a user cannot act on when a message says it all. */
public final class Failures {
    private Failures() {
    }

    /**
     * The distinct messages of the chain, outermost first, joined with ": ", e.g.
     * {@code Connection failed.: Connection refused}. A link without a message shows its simple class name.
     */
    public static String summary(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable link = failure; link != null && parts.size() < 5; link = link.getCause()) {
            String message = link.getMessage();
            String part = message == null || message.isBlank() ? link.getClass().getSimpleName() : message.strip();
            if (parts.stream().noneMatch(seen -> seen.contains(part))) {
                parts.add(part);
            }
            if (link.getCause() == link) {
                break;
            }
        }
        return String.join(": ", parts);
    }
}
