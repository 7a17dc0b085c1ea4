package dev.wsprobe.server;

import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/**
 * The endpoints' configurator (named in their annotations): accepts the client's first offered subprotocol,
 * whatever it is. The container creates it and it knows no server: a server that accepts only some
 * subprotocols ({@link Subprotocols}) has its host pass on only the offers it allows, so the first one seen
 * here is an allowed one. Everything else is the container's default.
 */
public class FirstOfferedSubprotocol extends ServerEndpointConfig.Configurator {
    @Override
    public String getNegotiatedSubprotocol(List<String> supported, List<String> requested) {
        return requested == null || requested.isEmpty() ? "" : requested.get(0);
    }
}
