package dev.wsprobe.echo;

import dev.wsprobe.server.ConnectionEndpoint;
import dev.wsprobe.server.EchoFaults;
import dev.wsprobe.server.FirstOfferedSubprotocol;
import dev.wsprobe.server.ServerConnection;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.server.Utf8;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;

/**
 * Sends every message back as it came: text as text, binary as binary. Replaces the public echo test sites.
 * Echoes go out asynchronously through a bounded queue, so a client that sends without reading cannot hold a
 * server thread or grow its memory: it is closed with 1008 instead. Query parameters ask for faults on demand
 * ({@link EchoFaults}: close with a code after N echoes, delay, drop the connection, fragments). The client's
 * first offered subprotocol is accepted ({@link FirstOfferedSubprotocol}).
 */
@ServerEndpoint(value = "/echo", configurator = FirstOfferedSubprotocol.class)
public class EchoEndpoint extends ConnectionEndpoint {
    private static final System.Logger LOG = System.getLogger(EchoEndpoint.class.getName());

    private EchoFaults faults = EchoFaults.NONE;
    /** Echoes handed to the sender so far. */
    private long echoes;
    /** True once a fault ended the connection (or is about to): nothing more is echoed. */
    private boolean ending;

    @OnOpen
    public void onOpen(Session session) {
        open(session, ServerContext::echo, LOG);
        ServerConnection connection = connection();
        try {
            // the handshake policy refused invalid values with 400 already; this is the same parse
            faults = EchoFaults.parse(session.getRequestParameterMap());
            connection.shapeEchoes(faults);
        } catch (IllegalArgumentException | IllegalStateException e) {
            faults = EchoFaults.NONE;
            ending = true;
            connection.closeWith(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "faults: " + e.getMessage());
            return;
        }
        if (!faults.none()) {
            connection.info("faults on demand: " + faults.describe());
        }
        if (faults.closeCode() != 0 && faults.after() == 0) {
            ending = true;
            connection.closeWith(faults.closeCode(), faults.reason());
        } else if (faults.dropAfter() == 0) {
            ending = true;
            connection.drop();
        }
    }

    @OnMessage
    public void onText(String message) {
        if (connection().received(message)) {
            echo(message, Utf8.length(message));
        }
    }

    @OnMessage
    public void onBinary(ByteBuffer message) {
        int size = message.remaining();
        if (connection().received(message)) {
            echo(message, size);
        }
    }

    private void echo(Object message, int size) {
        Runnable then = null;
        synchronized (this) {
            if (ending) {
                return; // a fault is ending the connection: what comes after is not echoed
            }
            echoes++;
            if (faults.closeCode() != 0 && echoes == faults.after()) {
                ending = true;
                then = () -> connection().closeWith(faults.closeCode(), faults.reason());
            } else if (echoes == faults.dropAfter()) {
                ending = true;
                then = connection()::drop;
            }
        }
        connection().sendBack(message, size, then);
    }
}
