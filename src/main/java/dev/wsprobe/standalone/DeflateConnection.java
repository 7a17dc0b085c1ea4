package dev.wsprobe.standalone;

import jakarta.websocket.Extension;
import java.util.List;
import org.glassfish.tyrus.core.extension.ExtendedExtension;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * permessage-deflate as one connection runs it, through Tyrus' public extension interface: made by
 * {@link PermessageDeflate} when it accepts an offer, it answers the handshake with the agreed parameters
 * (Tyrus asks {@link #onExtensionNegotiation} for the response header) and compresses and inflates that
 * connection's frames. The session's negotiated extensions hold this instance, so the connection's log line
 * shows the agreed parameters.
 */
final class DeflateConnection implements ExtendedExtension {
    private final DeflateAgreement agreement;
    private final MessageDeflater outgoing;
    private final MessageInflater incoming;

    DeflateConnection(DeflateAgreement agreement, ZlibPool pool, long maxMessageBytes) {
        this.agreement = agreement;
        this.outgoing = new MessageDeflater(pool, !agreement.serverNoContextTakeover());
        this.incoming = new MessageInflater(pool, !agreement.clientNoContextTakeover(), maxMessageBytes);
    }

    DeflateAgreement agreement() {
        return agreement;
    }

    @Override
    public Frame processIncoming(ExtensionContext context, Frame frame) {
        return incoming.process(frame);
    }

    @Override
    public Frame processOutgoing(ExtensionContext context, Frame frame) {
        return outgoing.process(frame);
    }

    /** The answer's parameters (Tyrus passes null for the request: the offer was judged when this was made). */
    @Override
    public List<Extension.Parameter> onExtensionNegotiation(ExtensionContext context,
            List<Extension.Parameter> requestedParameters) {
        return agreement.parameters();
    }

    @Override
    public void onHandshakeResponse(ExtensionContext context, List<Extension.Parameter> responseParameters) {
        // a client's step; this runs on the server only
    }

    /** Tyrus calls this when the connection ends while still open; a close frame either way has released it all. */
    @Override
    public void destroy(ExtensionContext context) {
        outgoing.end();
        incoming.end();
    }

    @Override
    public String getName() {
        return DeflateAgreement.NAME;
    }

    @Override
    public List<Extension.Parameter> getParameters() {
        return agreement.parameters();
    }

    @Override
    public String toString() {
        return agreement.header();
    }
}
