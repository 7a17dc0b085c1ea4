package dev.wsprobe.server;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * The peer's address of a server session. The Jakarta WebSocket API has no accessor for it, so this asks
 * what each implementation offers: Undertow and Tomcat put it in the user properties under the key below;
 * Tyrus has a public {@code getRemoteAddr()} on its session class. Kept here so no endpoint depends on
 * an implementation.
 */
final class RemoteAddress {
    private static final String STANDARD_ISH_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";

    private RemoteAddress() {
    }

    static String of(Session session) {
        Object property = session.getUserProperties().get(STANDARD_ISH_PROPERTY);
        if (property instanceof InetSocketAddress address) {
            return address.getAddress() == null ? address.getHostString()
                    : address.getAddress().getHostAddress() + ":" + address.getPort();
        }
        if (property != null) {
            return property.toString();
        }
        try {
            Method getRemoteAddr = session.getClass().getMethod("getRemoteAddr");
            Object address = getRemoteAddr.invoke(session);
            return address == null ? "unknown" : address.toString();
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unknown";
        }
    }
}
