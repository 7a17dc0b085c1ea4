package dev.wsprobe.server;

import jakarta.websocket.Extension;
import java.util.Optional;

/**
 * An installed extension that judges a client's offers itself, one at a time: it accepts an offer by returning
 * the extension as this one connection will run it (whose parameters are the answer the client gets), or declines
 * it. The endpoints' configurator ({@link FirstOfferedSubprotocol}) asks it about the offers of its name in the
 * client's order until one is accepted. The standalone host's permessage-deflate is one.
 */
public interface NegotiatingExtension extends Extension {
    /** The extension for this connection, answering {@code offer}; empty to decline it. */
    Optional<Extension> accept(Extension offer);
}
