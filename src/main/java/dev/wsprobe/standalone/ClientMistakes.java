package dev.wsprobe.standalone;

import dev.wsprobe.server.HostAddresses;
import dev.wsprobe.server.RateLimitedLog;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLBaseFilter;

/**
 * What clients get wrong below HTTP, made visible on the standalone listeners: plain HTTP sent to the TLS port
 * (one line, rate-limited: the TLS layer alone would just close), and whether a connection has sent bytes of a
 * request not yet complete, so that the handshake gate can tell a slow or stuck request (a warning) from an
 * idle connection a browser opened ahead of time (normal, not worth a warning).
 */
final class ClientMistakes {
    private static final System.Logger LOG = System.getLogger(ClientMistakes.class.getName());
    /** Set when bytes arrived since the last complete request; the gate clears it when a request is complete. */
    static final Attribute<Boolean> PARTIAL_REQUEST =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.partialRequest");
    private static final Attribute<Boolean> FIRST_READ_SEEN =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.firstReadSeen");
    /** A TLS connection starts with a handshake record. */
    private static final byte TLS_HANDSHAKE = 0x16;

    private final RateLimitedLog plainOnTls =
            new RateLimitedLog(LOG, System.Logger.Level.WARNING, Duration.ofSeconds(10));

    /** Registers the filters on {@code listener}; call before the handshake gate's add-on. */
    AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                int tls = builder.indexOfType(SSLBaseFilter.class);
                int codec = builder.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class);
                // decrypted bytes: just before the HTTP codec
                builder.add(codec, new BytesSeen());
                if (tls >= 0) {
                    builder.add(tls, new PlainOnTls(listener.getPort()));
                }
            }
        };
    }

    private static final class BytesSeen extends BaseFilter {
        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof Buffer bytes && bytes.hasRemaining()) {
                PARTIAL_REQUEST.set(ctx.getConnection(), Boolean.TRUE);
            }
            return ctx.getInvokeAction();
        }
    }

    private final class PlainOnTls extends BaseFilter {
        private final int port;

        PlainOnTls(int port) {
            this.port = port;
        }

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            Connection<?> connection = ctx.getConnection();
            if (FIRST_READ_SEEN.get(connection) == null && ctx.getMessage() instanceof Buffer bytes
                    && bytes.hasRemaining()) {
                FIRST_READ_SEEN.set(connection, Boolean.TRUE);
                byte first = bytes.get(bytes.position());
                if (first != TLS_HANDSHAKE && first >= 'A' && first <= 'Z') {
                    plainOnTls.log(() -> "a plain HTTP request (not TLS) arrived on the TLS port "
                            + (port > 0 ? port + " " : "") + "from " + peer(connection)
                            + ": use https:// or wss:// for this port, or the plain port for http:// and ws://");
                }
            }
            return ctx.getInvokeAction();
        }
    }

    static String peer(Connection<?> connection) {
        Object address = connection.getPeerAddress();
        return address instanceof InetSocketAddress socket ? HostAddresses.text(socket) : String.valueOf(address);
    }
}
