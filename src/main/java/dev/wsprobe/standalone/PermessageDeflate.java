package dev.wsprobe.standalone;

import dev.wsprobe.server.NegotiatingExtension;
import jakarta.websocket.Extension;
import java.util.List;
import java.util.Optional;

/**
 * The standalone host's permessage-deflate (RFC 7692), installed on its endpoints with {@code --compression on}:
 * judges each offer ({@link DeflateNegotiation}) and gives each connection that accepts one its own
 * {@link DeflateConnection}, with this server's settings, zlib pool and message size limit. Written for wsprobe
 * because Tyrus' own deflate extension ignores every RFC 7692 parameter (it always keeps a 15-bit deflater and
 * inflater per connection and answers none), and inflates a frame whatever it grows to.
 */
final class PermessageDeflate implements NegotiatingExtension {
    private final Compression settings;
    private final ZlibPool pool;
    private final long maxMessageBytes;

    PermessageDeflate(Compression settings, ZlibPool pool, long maxMessageBytes) {
        this.settings = settings;
        this.pool = pool;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public Optional<Extension> accept(Extension offer) {
        return DeflateNegotiation.answer(offer, settings)
                .map(agreement -> new DeflateConnection(agreement, pool, maxMessageBytes));
    }

    @Override
    public String getName() {
        return DeflateAgreement.NAME;
    }

    @Override
    public List<Parameter> getParameters() {
        return List.of();
    }
}
