package dev.wsprobe.server;

import jakarta.websocket.Session;

/**
 * How long Tomcat may take to send the close frame that answers a client's close with a code other than 1000.
 * <p>
 * Tomcat sends such an answer within a budget it reads from the session's user property below, 50 ms when
 * unset, and Tomcat 11.0.27 spends 50 ms in one sleep while an echo's asynchronous send is still completing:
 * the answer is then dropped, the client sees no close frame (1006), and the endpoint logs a bare
 * {@code SocketTimeoutException} (a third of raw echo-then-close tries; docs/interop.md). A test server must
 * answer every close. One second is twenty of those sleeps and still short next to the 20 s Tomcat allows a
 * 1000 answer. Other containers ignore the property.
 */
final class CloseAnswerBudget {
    /** Tomcat's {@code Constants.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT_PROPERTY}; a {@code Long} in milliseconds. */
    static final String TOMCAT_PROPERTY = "org.apache.tomcat.websocket.ABNORMAL_SESSION_CLOSE_SEND_TIMEOUT";
    static final long MILLIS = 1_000;

    private CloseAnswerBudget() {
    }

    static void apply(Session session) {
        session.getUserProperties().put(TOMCAT_PROPERTY, MILLIS);
    }
}
