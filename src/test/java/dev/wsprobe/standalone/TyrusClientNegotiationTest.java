package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.testing.EventSocket;
import dev.wsprobe.tyrus.TyrusClientConnector;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** wsprobe's own client (Tyrus, as {@code connect --compress} configures it) offering permessage-deflate. */
class TyrusClientNegotiationTest {
    private static final ClientOptions COMPRESS = new ClientOptions(List.of(), null, true, List.of(), null, true);

    /**
     * A known deviation, so that the README's and docs/interop.md's warning stays true: Tyrus' deflate extension
     * (an old draft) ignores {@code client_no_context_takeover} in the server's answer and keeps compressing with
     * its context, so its second identical message refers back into the first, which the server (inflating each
     * message anew, as agreed) cannot read: 1007.
     */
    @Test
    void tyrusClientIgnoresARequestedClientNoContextTakeover() throws Exception {
        try (StandaloneServer server = StandaloneServer.start(ServerOptions.plain("127.0.0.1", 0)
                .withCompression(Compression.ON.withClientContextTakeover(false)))) {
            URI echo = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
            try (TyrusClientConnector connector = new TyrusClientConnector(null, echo,
                    SenderOptions.DEFAULT_HANDSHAKE_TIMEOUT, COMPRESS)) {
                EventSocket socket = new EventSocket();
                connector.connect(socket, echo);
                socket.awaitOpen();
                // as wsprobe's own sessions (Conversation): no idle task re-armed per message on Tyrus' client
                // scheduler, whose shutdown once raced with the second send here
                socket.session.setMaxIdleTimeout(-1);
                assertEquals(List.of("permessage-deflate"),
                        socket.session.getNegotiatedExtensions().stream().map(Extension::getName).toList());
                String repeated = "{\"type\":\"update\",\"text\":\"Hello Cruel World\"}";
                socket.session.getBasicRemote().sendText(repeated);
                assertEquals(repeated, socket.nextText(), "the first message inflates on its own");
                socket.session.getBasicRemote().sendText(repeated);
                CloseReason close = socket.awaitClose();
                assertEquals(1007, close.getCloseCode().getCode(), close.getReasonPhrase());
                assertEquals("invalid compressed data: invalid distance too far back", close.getReasonPhrase());
            }
        }
    }
}
