package dev.wsprobe.cli;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.client.Header;
import dev.wsprobe.client.Proxy;
import dev.wsprobe.client.ProxyEnvironment;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/**
 * The client options {@code connect}, {@code send}, {@code load} and {@code check} share, declared once:
 * headers, authentication, Origin, subprotocols, proxy, compression. {@link #resolve} turns them (and the
 * environment variables behind them) into the core's {@link ClientOptions} for one target URL.
 */
public final class ClientOptionsMixin {
    static final String BEARER_VARIABLE = "WSPROBE_BEARER_TOKEN";
    static final String BASIC_VARIABLE = "WSPROBE_BASIC_AUTH";
    static final String PROXY_AUTH_VARIABLE = "WSPROBE_PROXY_AUTH";
    private static final Pattern ORIGIN = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://[^/\\s?#]+/?|null");
    private static final String PROCESS_LIST = " is visible to every user of this machine in the process list; "
            + "prefer ";

    @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'",
            description = "Add a request header to the upgrade request (repeatable). Authorization, "
                    + "Proxy-Authorization and Cookie values are never printed.")
    List<String> headers = new ArrayList<>();

    @Option(names = "--origin", paramLabel = "URL|none",
            description = "The Origin header to send, e.g. https://app.example.com; none = send no Origin "
                    + "(default: the client's own).")
    String origin;

    @Option(names = {"-s", "--subprotocol"}, paramLabel = "NAME",
            description = "Offer this subprotocol (repeatable, most preferred first); the one the server chose is "
                    + "printed.")
    List<String> subprotocols = new ArrayList<>();

    @Option(names = "--bearer-token-file", paramLabel = "FILE",
            description = "Send Authorization: Bearer with the token on this file's first line (default: "
                    + "environment variable " + BEARER_VARIABLE + ").")
    Path bearerTokenFile;

    @Option(names = "--bearer-token", paramLabel = "TOKEN",
            description = "The bearer token itself; prints a warning: the process list shows it. Prefer "
                    + "--bearer-token-file or " + BEARER_VARIABLE + ".")
    String bearerToken;

    @Option(names = "--auth-basic-file", paramLabel = "FILE",
            description = "Send Authorization: Basic with user:password from this file's first line (default: "
                    + "environment variable " + BASIC_VARIABLE + ").")
    Path basicAuthFile;

    @Option(names = "--proxy", paramLabel = "URL",
            description = "Tunnel through this HTTP proxy (CONNECT), e.g. http://proxy:3128 (default: "
                    + "https_proxy/HTTPS_PROXY for wss, http_proxy/HTTP_PROXY for ws, then all_proxy, minus "
                    + "no_proxy/NO_PROXY, upper or lower case, as curl reads them).")
    String proxy;

    @Option(names = "--proxy-auth-file", paramLabel = "FILE",
            description = "Proxy credentials, user:password on this file's first line (default: environment "
                    + "variable " + PROXY_AUTH_VARIABLE + ", or user:password@ in the proxy URL).")
    Path proxyAuthFile;

    @Option(names = "--no-proxy", description = "Connect directly, whatever the proxy environment variables say.")
    boolean noProxy;

    @Option(names = "--compress", description = "Offer permessage-deflate compression; the answer is printed.")
    boolean compress;

    /** The options for {@code target}; warnings (secrets on the command line) go to {@code err}. */
    ClientOptions resolve(URI target, PrintWriter err) {
        return resolve(target, System.getenv(), err);
    }

    ClientOptions resolve(URI target, Map<String, String> environment, PrintWriter err) {
        try {
            List<Header> parsed = new ArrayList<>();
            for (String text : headers) {
                Header header = Header.parse(text);
                if (header.secret()) {
                    warn(err, "the " + header.name() + " header on the command line" + PROCESS_LIST
                            + (header.named("Authorization") ? "--bearer-token-file, --auth-basic-file or "
                            + BEARER_VARIABLE : "a file") + ".");
                }
                parsed.add(header);
            }
            String originValue = null;
            boolean sendOrigin = true;
            for (Header header : List.copyOf(parsed)) {
                if (header.named("Origin")) {
                    if (origin != null) {
                        throw new IllegalArgumentException("give the Origin once: --origin or -H 'Origin: ...'");
                    }
                    originValue = header.value();
                    parsed.remove(header);
                }
            }
            if (origin != null) {
                if (origin.equalsIgnoreCase("none")) {
                    sendOrigin = false;
                } else if (!ORIGIN.matcher(origin).matches()) {
                    throw new IllegalArgumentException("--origin wants scheme://host[:port] (e.g. "
                            + "https://app.example.com) or none, got '" + origin + "'");
                } else {
                    originValue = origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
                }
            }
            authorization(parsed, environment, err).ifPresent(parsed::add);
            ClientOptions options = new ClientOptions(parsed, originValue, sendOrigin, subprotocols, null, compress);
            return options.withProxy(proxyFor(target, environment, err));
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private java.util.Optional<Header> authorization(List<Header> given, Map<String, String> environment,
            PrintWriter err) {
        boolean headerGiven = given.stream().anyMatch(header -> header.named("Authorization"));
        int sources = (headerGiven ? 1 : 0) + (bearerTokenFile != null ? 1 : 0) + (bearerToken != null ? 1 : 0)
                + (basicAuthFile != null ? 1 : 0);
        if (sources > 1) {
            throw new IllegalArgumentException("choose one of -H 'Authorization: ...', --bearer-token-file, "
                    + "--bearer-token and --auth-basic-file");
        }
        if (headerGiven) {
            return java.util.Optional.empty();
        }
        if (bearerToken != null) {
            warn(err, "--bearer-token" + PROCESS_LIST + "--bearer-token-file or " + BEARER_VARIABLE + ".");
            return java.util.Optional.of(bearer(bearerToken, "--bearer-token"));
        }
        if (bearerTokenFile != null) {
            return java.util.Optional.of(bearer(firstLine(bearerTokenFile, "bearer token"), "--bearer-token-file"));
        }
        if (basicAuthFile != null) {
            return java.util.Optional.of(basic(firstLine(basicAuthFile, "user:password"), "--auth-basic-file"));
        }
        String token = environment.get(BEARER_VARIABLE);
        String basic = environment.get(BASIC_VARIABLE);
        if (token != null && basic != null) {
            throw new IllegalArgumentException("both " + BEARER_VARIABLE + " and " + BASIC_VARIABLE
                    + " are set: unset one");
        }
        if (token != null) {
            return java.util.Optional.of(bearer(token, BEARER_VARIABLE));
        }
        if (basic != null) {
            return java.util.Optional.of(basic(basic, BASIC_VARIABLE));
        }
        return java.util.Optional.empty();
    }

    private static Header bearer(String token, String source) {
        String trimmed = token.trim();
        if (trimmed.isEmpty() || trimmed.chars().anyMatch(c -> c <= 32 || c >= 127)) {
            throw new IllegalArgumentException(source + ": a bearer token is one word of visible ASCII characters");
        }
        return new Header("Authorization", "Bearer " + trimmed);
    }

    private static Header basic(String credentials, String source) {
        if (credentials.indexOf(':') <= 0) {
            throw new IllegalArgumentException(source + ": expected user:password");
        }
        return new Header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    private Proxy proxyFor(URI target, Map<String, String> environment, PrintWriter err) {
        if (noProxy && proxy != null) {
            throw new IllegalArgumentException("choose --proxy or --no-proxy, not both");
        }
        Proxy chosen = null;
        if (proxy != null) {
            chosen = Proxy.parse(proxy, "--proxy");
            if (chosen.hasCredentials()) {
                warn(err, "the proxy password in --proxy" + PROCESS_LIST + "--proxy-auth-file or "
                        + PROXY_AUTH_VARIABLE + ".");
            }
        } else if (!noProxy) {
            chosen = ProxyEnvironment.forTarget(target, environment).orElse(null);
        }
        if (chosen == null) {
            if (proxyAuthFile != null) {
                throw new IllegalArgumentException("--proxy-auth-file without a proxy: give --proxy URL");
            }
            return null;
        }
        String credentials = proxyAuthFile != null ? firstLine(proxyAuthFile, "proxy user:password")
                : chosen.hasCredentials() ? null : environment.get(PROXY_AUTH_VARIABLE);
        if (credentials != null) {
            int colon = credentials.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException((proxyAuthFile != null ? "--proxy-auth-file"
                        : PROXY_AUTH_VARIABLE) + ": expected user:password");
            }
            chosen = chosen.withCredentials(credentials.substring(0, colon), credentials.substring(colon + 1));
        }
        return chosen;
    }

    private static String firstLine(Path file, String what) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = (end < 0 ? content : content.substring(0, end)).replace("\r", "").trim();
            if (line.isEmpty()) {
                throw new UserError(ExitCodes.SETUP, "file " + file + " is empty; its first line should be the " + what);
            }
            return line;
        } catch (NoSuchFileException e) {
            throw new UserError(ExitCodes.SETUP, "file " + file + " (" + what + ") does not exist", e);
        } catch (IOException e) {
            throw new UserError(ExitCodes.SETUP, "cannot read " + file + " (" + what + "): " + e.getMessage(), e);
        }
    }

    private static void warn(PrintWriter err, String message) {
        err.println("wsprobe: WARNING " + message);
        err.flush();
    }
}
