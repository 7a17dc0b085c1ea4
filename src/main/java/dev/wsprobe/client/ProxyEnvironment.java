package dev.wsprobe.client;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which proxy a ws:// or wss:// URL goes through, from the environment variables curl reads (curl treats ws
 * as http and wss as https): {@code https_proxy}/{@code HTTPS_PROXY} for wss, {@code http_proxy}/{@code HTTP_PROXY}
 * for ws, then {@code all_proxy}/{@code ALL_PROXY}; lower case first. {@code no_proxy}/{@code NO_PROXY} lists hosts
 * that go direct: comma-separated names (a name also matches its subdomains, a leading dot is ignored), IP
 * addresses, an optional {@code :port}, or {@code *} for every host.
 */
public final class ProxyEnvironment {
    private ProxyEnvironment() {
    }

    /** The proxy for {@code target} from {@code environment}, if any variable names one and NO_PROXY allows. */
    public static Optional<Proxy> forTarget(URI target, Map<String, String> environment) {
        boolean secure = "wss".equalsIgnoreCase(target.getScheme());
        String[] names = secure ? new String[] {"https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"}
                : new String[] {"http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"};
        for (String name : names) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                if (bypassed(target, firstSet(environment, "no_proxy", "NO_PROXY"))) {
                    return Optional.empty();
                }
                return Optional.of(Proxy.parse(value, "environment variable " + name));
            }
        }
        return Optional.empty();
    }

    /** Whether {@code noProxy} (a NO_PROXY value, may be null) sends {@code target} direct. */
    public static boolean bypassed(URI target, String noProxy) {
        if (noProxy == null || noProxy.isBlank()) {
            return false;
        }
        String host = target.getHost().toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = target.getPort() != -1 ? target.getPort() : "wss".equalsIgnoreCase(target.getScheme()) ? 443 : 80;
        for (String raw : noProxy.split(",")) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                return true;
            }
            int entryPort = -1;
            String portText = null;
            if (entry.startsWith("[") && entry.indexOf(']') > 0) {
                int close = entry.indexOf(']');
                portText = entry.length() > close + 1 && entry.charAt(close + 1) == ':' ? entry.substring(close + 2)
                        : null;
                entry = entry.substring(1, close);
            } else if (entry.indexOf(':') > 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
                portText = entry.substring(entry.indexOf(':') + 1);
                entry = entry.substring(0, entry.indexOf(':'));
            }
            if (portText != null) {
                try {
                    entryPort = Integer.parseInt(portText);
                } catch (NumberFormatException e) {
                    continue; // not a port: an entry curl would not match either
                }
            }
            if (entry.startsWith(".")) {
                entry = entry.substring(1);
            }
            boolean hostMatches = host.equals(entry) || host.endsWith("." + entry);
            if (hostMatches && (entryPort == -1 || entryPort == port)) {
                return true;
            }
        }
        return false;
    }

    private static String firstSet(Map<String, String> environment, String... names) {
        for (String name : names) {
            String value = environment.get(name);
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
