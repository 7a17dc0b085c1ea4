package dev.wsprobe.server;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.util.function.Function;

/**
 * What wsprobe's server endpoints (echo, receiver) do alike: at open, the connection joins the context of the
 * server whose container accepted it ({@link ServerContexts}) and its endpoint's counters, and Tomcat gets the
 * time to answer a close ({@link CloseAnswerBudget}); pongs, the close and errors go to its
 * {@link ServerConnection}.
 *
 * <p>The endpoints stay annotated {@code @ServerEndpoint} classes and inherit the callbacks below: Tyrus, Undertow,
 * Tomcat and Jetty all look for callback annotations up the class hierarchy (this class has no class-level
 * annotation, so it is no endpoint itself). A subclass does not override them: it adds to the close in
 * {@link #afterClose()}.
 */
public abstract class ConnectionEndpoint {
    private ServerConnection connection;

    /**
     * Call first in the subclass's {@code @OnOpen}.
     *
     * @param endpoint which of the server's endpoints counts this connection, e.g. {@link ServerContext#echo()}
     * @return the server the connection belongs to
     */
    protected final ServerContext open(Session session, Function<ServerContext, EndpointStats> endpoint,
            System.Logger log) {
        CloseAnswerBudget.apply(session);
        ServerContext server = ServerContexts.of(session);
        connection = new ServerConnection(server, endpoint.apply(server), log);
        connection.opened(session);
        return server;
    }

    /** The connection {@link #open} made. */
    protected final ServerConnection connection() {
        return connection;
    }

    @OnMessage
    public void onPong(PongMessage pong) {
        connection.ponged();
    }

    @OnClose
    public void onClose(CloseReason reason) {
        connection.closed(reason);
        afterClose();
    }

    /** After the close is counted and logged. Does nothing here. */
    protected void afterClose() {
    }

    @OnError
    public void onError(Throwable error) {
        connection.failed(error);
    }
}
