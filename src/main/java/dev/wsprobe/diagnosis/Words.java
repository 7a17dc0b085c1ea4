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

    /** The scheme of a {@code WWW-Authenticate} or {@code Proxy-Authenticate} value ({@code Bearer}), "?" if none. */
    public static String authScheme(String challenge) {
        if (challenge == null || challenge.isBlank()) {
            return "no scheme named";
        }
        String trimmed = challenge.trim();
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) != ',') {
            end++;
        }
        return trimmed.substring(0, end);
    }

    /**
     * What an error page says, in one short line: tags dropped, white space collapsed, at most {@code max}
     * characters; "" when nothing readable is left.
     */
    public static String pageText(String body, int max) {
        String text = body.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]*>", " ")
                .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&").replaceAll("[\\s\\p{Cntrl}]+", " ").strip();
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
