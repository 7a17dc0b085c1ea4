package dev.wsprobe.load;

import dev.wsprobe.tls.SslContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The receiver's own count of messages, from its {@code /status} JSON
 * ({@code {"endpoints":{"/receive":{"messagesReceived":N,...},...}}}), so a load against a receiver compares
 * what was sent with what arrived. The status URL is the target's, with http(s) for ws(s) and {@code status}
 * in place of the endpoint's last path segment ({@code ws://h:1/app/receive} -> {@code http://h:1/app/status}).
 */
public final class ReceiverStatus {
    private static final Pattern ENDPOINT_COUNT =
            Pattern.compile("\"(/[^\"]*)\"\\s*:\\s*\\{[^{}]*?\"messagesReceived\"\\s*:\\s*(\\d+)");

    private final HttpClient http;
    private final URI statusUrl;
    private final String endpointPath;
    private volatile String unavailable;

    /** @param tls for https status URLs; null for the JDK's default trust */
    public ReceiverStatus(URI target, URI statusUrl, SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (tls != null) {
            builder.sslContext(tls);
        }
        // the same protocols and suites as every other wsprobe client
        builder.sslParameters(new SSLParameters(
                tls != null ? SslContexts.cipherSuites(tls) : SslContexts.cipherSuites(), SslContexts.protocols()));
        this.http = builder.build();
        this.statusUrl = statusUrl != null ? statusUrl : statusUrlFor(target);
        this.endpointPath = target.getPath() == null || target.getPath().isEmpty() ? "/" : target.getPath();
    }

    public static URI statusUrlFor(URI target) {
        String scheme = "wss".equalsIgnoreCase(target.getScheme()) ? "https" : "http";
        String path = target.getPath() == null ? "" : target.getPath();
        String parent = path.substring(0, path.lastIndexOf('/') + 1);
        return URI.create(scheme + "://" + target.getRawAuthority() + (parent.isEmpty() ? "/" : parent) + "status");
    }

    public URI url() {
        return statusUrl;
    }

    /** Messages the server counted on the target's endpoint, or empty (then {@link #unavailable()} says why). */
    public OptionalLong messagesReceived() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(statusUrl)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return unavailable("HTTP " + response.statusCode() + " from " + statusUrl);
            }
            OptionalLong count = countFor(response.body(), endpointPath);
            return count.isPresent() ? count : unavailable(statusUrl + " has no messagesReceived for " + endpointPath);
        } catch (IOException e) {
            return unavailable("cannot read " + statusUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    /** Why the last read failed; null when it worked. */
    public String unavailable() {
        return unavailable;
    }

    /**
     * The count of the endpoint whose path the target's path ends with (a WAR's {@code /app/receive} is
     * {@code /receive} in its status), the longest such when several do.
     */
    static OptionalLong countFor(String statusJson, String targetPath) {
        Matcher match = ENDPOINT_COUNT.matcher(statusJson);
        String best = null;
        long count = 0;
        while (match.find()) {
            String path = match.group(1);
            if (targetPath.endsWith(path) && (best == null || path.length() > best.length())) {
                best = path;
                count = Long.parseLong(match.group(2));
            }
        }
        return best == null ? OptionalLong.empty() : OptionalLong.of(count);
    }

    private OptionalLong unavailable(String why) {
        unavailable = why;
        return OptionalLong.empty();
    }
}
