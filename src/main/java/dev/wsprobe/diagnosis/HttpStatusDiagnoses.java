package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.HttpHead;

/** What an HTTP status other than 101 in answer to the upgrade means. Pure. */
final class HttpStatusDiagnoses {
    private HttpStatusDiagnoses() {
    }

    /**
     * @param response the server's answer
     * @param path     the path asked for, for the words of a 404
     */
    static Diagnosis of(HttpHead response, String path) {
        int status = response.status();
        String answered = "the server answered HTTP " + status + " to the upgrade";
        if (status == 404) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": the path " + path
                    + " does not exist", "check the path (known paths: /receive, /echo when the peer is wsprobe)");
        }
        if (status == 403) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": forbidden",
                    "the server refuses this client (an Origin or access rule?)");
        }
        if (status == 401) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": authentication required",
                    "this endpoint needs credentials");
        }
        if (status == 426) {
            String wanted = response.headers().getOrDefault("sec-websocket-version", "?");
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + ": upgrade required (server wants "
                    + "Sec-WebSocket-Version " + wanted + ")", "the server speaks another WebSocket version than 13");
        }
        if (status >= 400 && status < 500) {
            return new Diagnosis(DiagnosisCode.HTTP_CLIENT_ERROR, answered + " (" + response.startLine() + ")",
                    "check the URL and what the server expects");
        }
        if (status >= 500) {
            return new Diagnosis(DiagnosisCode.HTTP_SERVER_ERROR, answered + " (" + response.startLine() + ")",
                    "the server has a problem or is full; look at its log");
        }
        if (status >= 300 && status < 400) {
            return new Diagnosis(DiagnosisCode.NOT_WEBSOCKET, answered + ": a redirect to "
                    + response.headers().getOrDefault("location", "(no Location)"), "use the redirect's target URL");
        }
        return new Diagnosis(DiagnosisCode.NOT_WEBSOCKET, "the server answered HTTP " + status
                + " without upgrading: this URL is not a WebSocket endpoint", "check the URL's path and port");
    }
}
