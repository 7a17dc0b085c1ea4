package dev.wsprobe.server;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Drops a session's TCP connection without a close frame (the peer sees 1006), for {@code drop-after=N}. The
 * Jakarta WebSocket API has no way to do it ({@code close()} always sends a close frame, and Tyrus turns a
 * requested 1006 into a 1000 frame), so this reaches into the implementations, all in this one place:
 * <ul>
 * <li>Undertow (WildFly): its session's public {@code forceClose()};</li>
 * <li>Tyrus (the standalone jar, Payara): the session's remote endpoint holds the {@code TyrusWebSocket}, whose
 * protocol handler holds the transport's {@code Writer}; closing the writer closes the connection.</li>
 * <li>Jetty 12: the session's public {@code getCoreSession()}, whose {@code abort()} drops the connection;</li>
 * <li>Tomcat: the session's server remote endpoint holds the {@code SocketWrapperBase}; closing it closes the
 * socket. Tomcat does not notice by itself, so the session is then closed through the API: its close frame can no
 * longer go out, and the endpoint's {@code @OnClose} runs.</li>
 * </ul>
 * Anything else: false, and the caller says so.
 */
final class ConnectionAbort {
    private ConnectionAbort() {
    }

    /** @return true when the connection was dropped */
    static boolean abort(Session session) {
        return undertow(session) || tyrus(session) || jetty(session) || tomcat(session);
    }

    private static boolean undertow(Session session) {
        try {
            Method forceClose = session.getClass().getMethod("forceClose");
            forceClose.invoke(session);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static boolean tyrus(Session session) {
        try {
            Object webSocket = field(session.getAsyncRemote(), "webSocket");
            Object protocolHandler = field(webSocket, "protocolHandler");
            Object writer = field(protocolHandler, "writer");
            if (writer instanceof AutoCloseable closeable) {
                closeable.close();
                return true;
            }
            Method close = writer.getClass().getMethod("close");
            close.invoke(writer);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean jetty(Session session) {
        try {
            Object core = session.getClass().getMethod("getCoreSession").invoke(session);
            core.getClass().getMethod("abort").invoke(core);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
    }

    private static boolean tomcat(Session session) {
        try {
            Object socket = field(field(session, "wsRemoteEndpoint"), "socketWrapper");
            socket.getClass().getMethod("close").invoke(socket);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false;
        }
        try {
            session.close(new jakarta.websocket.CloseReason(jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY,
                    "dropped on request"));
        } catch (java.io.IOException | RuntimeException e) {
            // the socket is gone: what matters is that the session is marked closed
        }
        return true;
    }

    /** The value of the field {@code name} declared by the class of {@code target} or one of its superclasses. */
    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> type = target.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                Object value = field.get(target);
                if (value == null) {
                    throw new NoSuchFieldException(name + " is null");
                }
                return value;
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        throw new NoSuchFieldException(name + " in " + target.getClass().getName());
    }
}
