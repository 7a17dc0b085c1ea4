package dev.wsprobe.server;

import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which {@link ServerContext} a session belongs to, by the WebSocket container that accepted it: each host
 * registers its server's context under its own container when it starts (the standalone server under its
 * Tyrus container, the WAR under the application's {@code ServerContainer}), and an endpoint finds it from
 * {@link Session#getContainer()} when a connection opens.
 *
 * <p>Why not an endpoint configurator that hands the context to {@code getEndpointInstance}: Tyrus (the
 * standalone host, and Payara) ignores the configurator of a {@code ServerEndpointConfig} whose class is an
 * annotated endpoint and builds the configuration from the annotation again ({@code
 * TyrusWebSocketEngine.register(ServerEndpointConfig, String)}), and a configurator named in the annotation is
 * created by the container, knowing nothing of the server. The container is the one thing every
 * implementation hands an annotated endpoint that is different for each server. Keys are weak, so a
 * container the host forgot to unregister does not keep its server's counters alive.
 */
public final class ServerContexts {
    private static final Map<WebSocketContainer, ServerContext> BY_CONTAINER =
            Collections.synchronizedMap(new WeakHashMap<>());

    private ServerContexts() {
    }

    /** Sessions accepted by {@code container} belong to {@code context} from now on. */
    public static void register(WebSocketContainer container, ServerContext context) {
        BY_CONTAINER.put(container, context);
    }

    /** The host is stopping: {@code container}'s sessions belong to no server any more. */
    public static void unregister(WebSocketContainer container) {
        BY_CONTAINER.remove(container);
    }

    /**
     * The server {@code session} was accepted by.
     *
     * @throws IllegalStateException when its container has no server registered (a host that did not call
     *                               {@link #register}); the container then closes the session with 1011
     */
    public static ServerContext of(Session session) {
        ServerContext context = BY_CONTAINER.get(session.getContainer());
        if (context == null) {
            throw new IllegalStateException("no wsprobe server is registered for the WebSocket container "
                    + session.getContainer() + ": the host must call ServerContexts.register at start-up");
        }
        return context;
    }
}
