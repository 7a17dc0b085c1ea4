package dev.wsprobe.diagnosis;


import dev.wsprobe.wire.HttpHead;
import java.net.URI;
import java.util.Locale;

/** What an HTTP status other than 101 in answer to the upgrade means. Pure. */
final class HttpStatusDiagnoses {
    private HttpStatusDiagnoses() {
    }

    /**
     * @param response the server's answer
     * @param page     what its body says, in one line ({@link Words#pageText}); "" for none
     * @param target   the URL asked for (the path for a 404, the base of a relative redirect)
     * @param request  what the request carried: credentials, subprotocols
     */
    static Diagnosis of(HttpHead response, String page, URI target, CheckRequest request) {
        int status = response.status();
        String answered = "the server answered HTTP " + status + " to the upgrade";
        String says = page.isEmpty() ? "" : " (it says: " + page + ")";
        boolean sentCredentials = request.sendsCredentials();
        if (status == 401) {
            String scheme = Words.authScheme(response.header("www-authenticate"));
            if (sentCredentials) {
                return new Diagnosis(DiagnosisCode.CREDENTIALS_REFUSED, answered + ": the credentials sent were "
                        + "refused (it asks for " + scheme + ")" + says, "check the token or user:password: wrong, "
                        + "expired, or of another scheme than " + scheme + "?");
            }
            return new Diagnosis(DiagnosisCode.CREDENTIALS_MISSING, answered + ": it requires credentials ("
                    + scheme + ") and none were sent" + says, credentialsFix(scheme));
        }
        if (status == 403) {
            return new Diagnosis(DiagnosisCode.FORBIDDEN, answered + ": forbidden" + says, "the server refuses "
                    + "this client: check the credentials' rights, the Origin (--origin; many servers allow only "
                    + "their own pages' origin) and the path");
        }
        if ((status == 400 || status == 426) && mentionsSubprotocol(response, page)) {
            if (request.subprotocols().isEmpty()) {
                return new Diagnosis(DiagnosisCode.SUBPROTOCOL_REQUIRED, answered + ": it requires a subprotocol "
                        + "and none was offered" + says, "offer the one it speaks with -s NAME (e.g. -s chat; see the "
                        + "server's documentation)");
            }
            return new Diagnosis(DiagnosisCode.SUBPROTOCOL_NOT_AGREED, answered + ": it accepts none of the "
                    + "subprotocols offered (" + String.join(", ", request.subprotocols()) + ")" + says,
                    "offer the subprotocol the server speaks with -s NAME");
        }
        if (status == 404) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": the path " + target.getPath()
                    + " does not exist", "check the path (known paths: /receive, /echo when the peer is wsprobe)");
        }
        if (status == 426) {
            String wanted = response.headers().getOrDefault("sec-websocket-version", "?");
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": upgrade required (server wants "
                    + "Sec-WebSocket-Version " + wanted + ")", "the server speaks another WebSocket version than 13");
        }
        if (status == 400 && request.subprotocols().isEmpty()) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + " (" + response.startLine() + ")"
                    + says, "the server refused the request: it may want a subprotocol (-s NAME) or another header "
                    + "(-H)");
        }
        if (status >= 400 && status < 500) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + " (" + response.startLine() + ")"
                    + says, "check the URL and what the server expects");
        }
        if (status >= 500) {
            return new Diagnosis(DiagnosisCode.HTTP_SERVER_ERROR, answered + " (" + response.startLine() + ")"
                    + says, "the server has a problem or is full; look at its log");
        }
        if (status >= 300 && status < 400) {
            String location = response.header("location");
            if (location == null || location.isBlank()) {
                return new Diagnosis(DiagnosisCode.REDIRECTED, answered + ": a redirect without a Location",
                        "the server redirects but says not where: look at its configuration");
            }
            return new Diagnosis(DiagnosisCode.REDIRECTED, answered + ": a redirect to " + location,
                    "WebSocket clients do not follow redirects: use " + webSocketUrl(target, location));
        }
        return new Diagnosis(DiagnosisCode.NOT_WEBSOCKET, "the server answered HTTP " + status
                + " without upgrading: this URL is not a WebSocket endpoint", "check the URL's path and port");
    }

    private static String credentialsFix(String scheme) {
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "bearer" -> "give the token: --bearer-token-file FILE or WSPROBE_BEARER_TOKEN";
            case "basic" -> "give user:password: --auth-basic-file FILE or WSPROBE_BASIC_AUTH";
            default -> "send them with --bearer-token-file FILE, --auth-basic-file FILE or -H 'Authorization: ...'";
        };
    }

    private static boolean mentionsSubprotocol(HttpHead response, String page) {
        String said = (response.startLine() + " " + page).toLowerCase(Locale.ROOT);
        return said.contains("subprotocol") || said.contains("sec-websocket-protocol");
    }

    /** The redirect's target as a WebSocket URL: resolved against the request, http(s) turned into ws(s). */
    static String webSocketUrl(URI target, String location) {
        try {
            URI resolved = target.resolve(location.trim());
            String scheme = resolved.getScheme() == null ? "" : resolved.getScheme().toLowerCase(Locale.ROOT);
            String ws = switch (scheme) {
                case "http" -> "ws";
                case "https" -> "wss";
                default -> scheme;
            };
            return ws.equals(scheme) ? resolved.toString() : ws + resolved.toString().substring(scheme.length());
        } catch (IllegalArgumentException e) {
            return location;
        }
    }
}
