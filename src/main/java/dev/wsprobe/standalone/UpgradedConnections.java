package dev.wsprobe.standalone;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLConnectionContext;
import org.glassfish.grizzly.ssl.SSLUtils;

/**
 * Lets go of the upgrade request once a connection is a WebSocket, and hands its frames past Grizzly's HTTP
 * codec.
 *
 * <p>Why: Grizzly's codec ({@link HttpServerFilter}) treats everything after an upgrade request as that
 * request's body, so it keeps the parsed request (its headers, about 35 chunk objects, the header bytes: about
 * 9.5 KiB of heap) as the connection's "request in process" for the connection's life, and every read passes
 * through it only to be wrapped as that body. Once Tyrus has answered 101, this filter, just in front of the
 * codec, wraps each read itself, with a placeholder header (Tyrus' filter takes only the content of an upgraded
 * connection's messages), and goes on with the filter behind the codec; and it removes the codec's request
 * from the connection, through the attribute name Grizzly publishes for it
 * ({@link HttpServerFilter#HTTP_SERVER_REQUEST_ATTR_NAME}). Writes are unchanged: Tyrus' frames are raw
 * buffers, which the codec passes on as they are.
 *
 * <p>The 101 is seen on its way out by the second filter, just behind the codec (writes travel from Tyrus'
 * filter towards the transport), which is before the codec encodes it: the request itself stays referenced by
 * the response being written until that is done, and is garbage afterwards.
 */
final class UpgradedConnections {
    /** Set once Tyrus answered 101: from then on the connection's bytes are WebSocket frames. */
    private static final Attribute<Boolean> UPGRADED =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.upgraded");
    /** The codec's own attribute: builders hand out one attribute per name. */
    private static final Attribute<Object> REQUEST_IN_PROCESS =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
    private static final int SWITCHING_PROTOCOLS = 101;

    /** The header of every frame message: read by nobody behind the codec once a connection is upgraded. */
    private final HttpRequestPacket frames = HttpRequestPacket.builder().method(Method.GET).uri("/")
            .protocol(Protocol.HTTP_1_1).build();

    /** Puts the two filters around the HTTP codec; register on a listener like any add-on. */
    AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                int codec = builder.indexOfType(HttpServerFilter.class);
                builder.add(codec + 1, new UpgradeSeen());
                builder.add(codec, new PastTheCodec());
            }
        };
    }

    /** True once the connection was upgraded (Tyrus answered 101). */
    static boolean upgraded(Connection<?> connection) {
        return UPGRADED.isSet(connection);
    }

    /** In front of the codec: an upgraded connection's bytes go to the filter behind the codec directly. */
    private final class PastTheCodec extends BaseFilter {
        /** Where the codec is in this listener's chain, found at the first frame (the chain is fixed by then). */
        private volatile int codecIndex = -1;

        @Override
        public NextAction handleRead(FilterChainContext ctx) throws IOException {
            if (!UPGRADED.isSet(ctx.getConnection())) {
                return ctx.getInvokeAction();
            }
            Buffer bytes = ctx.getMessage();
            ctx.setMessage(HttpContent.create(frames, false, bytes));
            // the chain goes on with the filter after the one at the current index: the one after the codec
            int codec = codecIndex;
            if (codec < 0) {
                codec = ctx.getFilterChain().indexOfType(HttpServerFilter.class);
                codecIndex = codec;
            }
            ctx.setFilterIdx(codec);
            return ctx.getInvokeAction();
        }
    }

    /** Behind the codec: sees the 101 going out, and drops the codec's hold on the request. */
    private static final class UpgradeSeen extends BaseFilter {
        @Override
        public NextAction handleWrite(FilterChainContext ctx) throws IOException {
            if (ctx.getMessage() instanceof HttpContent content
                    && content.getHttpHeader() instanceof HttpResponsePacket response
                    && response.getStatus() == SWITCHING_PROTOCOLS) {
                Connection<?> connection = ctx.getConnection();
                UPGRADED.set(connection, Boolean.TRUE);
                REQUEST_IN_PROCESS.remove(connection);
                if (SSLUtils.getSslConnectionContext(connection) != null) {
                    FilterChainContext.TransportContext transport = ctx.getTransportContext();
                    transport.setCompletionHandler(new ThenReleaseTlsBuffer(connection, transport.getCompletionHandler()));
                }
            }
            return ctx.getInvokeAction();
        }
    }

    /**
     * Once the 101 is out over TLS, lets go of the last output buffer Grizzly's TLS context keeps.
     *
     * <p>Why: Grizzly's {@link SSLConnectionContext} remembers the buffer of its last encryption ("last output
     * buffer", 16-33 KiB: buffers are sized for the largest TLS record) until the next one, and gives nothing a
     * way to drop it. After a burst of handshakes those are distinct buffers, one per connection (measured:
     * 913 of 1,000 idle connections held one, 27 KiB each), so an idle wss connection cost about 30 KiB more
     * than a ws one. Once traffic flows they are buffers of a shared pool. A fresh context on the same
     * {@link javax.net.ssl.SSLEngine} (public constructor, {@code configure}, {@code attach}) holds none.
     *
     * <p>It is swapped under the connection's lock, the one Grizzly's TLS filter holds from encrypting a write to
     * handing it on, so no write of another thread is between the two.
     */
    private record ThenReleaseTlsBuffer(Connection<?> connection, CompletionHandler<WriteResult> then)
            implements CompletionHandler<WriteResult> {
        @Override
        public void completed(WriteResult result) {
            synchronized (connection) {
                SSLConnectionContext used = SSLUtils.getSslConnectionContext(connection);
                if (used != null && used.getSslEngine() != null) {
                    SSLConnectionContext fresh = new SSLConnectionContext(connection);
                    fresh.configure(used.getSslEngine());
                    fresh.setNewConnectionFilterChain(used.getNewConnectionFilterChain());
                    fresh.attach();
                }
            }
            if (then != null) {
                then.completed(result);
            }
        }

        @Override
        public void failed(Throwable error) {
            if (then != null) {
                then.failed(error);
            }
        }

        @Override
        public void cancelled() {
            if (then != null) {
                then.cancelled();
            }
        }

        @Override
        public void updated(WriteResult result) {
            if (then != null) {
                then.updated(result);
            }
        }
    }
}
