package dev.wsprobe.server;

import jakarta.websocket.Session;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;

/**
 * The peer's address of a server session. The Jakarta WebSocket API has no accessor for it, so this asks
 * what each implementation offers: Tomcat puts it in the user properties under the key below; Tyrus has a
 * public {@code getRemoteAddr()} on its session class; Undertow (WildFly) has it on the session's channel,
 * {@code getWebSocketChannel().getPeerAddress()}. Kept here so no endpoint depends on an implementation.
 */
final class RemoteAddress {
    private static final String STANDARD_ISH_PROPERTY = "jakarta.websocket.endpoint.remoteAddress";

    private RemoteAddress() {
    }

    static String of(Session session) {
        Object property = session.getUserProperties().get(STANDARD_ISH_PROPERTY);
        if (property instanceof InetSocketAddress address) {
            return address.getAddress() == null ? address.getHostString()
                    : HostAddresses.text(address.getAddress(), address.getPort());
        }
        if (property != null) {
            return property.toString();
        }
        Object address = call(session, "getRemoteAddr");
        if (address == null) {
            address = call(call(session, "getWebSocketChannel"), "getPeerAddress");
        }
        if (address instanceof InetSocketAddress socketAddress && socketAddress.getAddress() != null) {
            return HostAddresses.text(socketAddress.getAddress(), socketAddress.getPort());
        }
        return address == null ? "unknown" : HostAddresses.normalized(address.toString());
    }

    /** {@code target.method()} if the target has such a public method, else null. */
    private static Object call(Object target, String method) {
        if (target == null) {
            return null;
        }
        try {
            Method accessor = target.getClass().getMethod(method);
            return accessor.invoke(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
