package dev.wsprobe.standalone;

import dev.wsprobe.server.ConnectionLimits;
import dev.wsprobe.server.HandshakePolicy;
import dev.wsprobe.server.HandshakeRefusal;
import dev.wsprobe.server.HostAddresses;
import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.ServerContext;
import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.attributes.AttributeBuilder;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.memory.Buffers;

/**
 * The standalone host's side of the {@link HandshakePolicy}: stands in front of Tyrus on every listener and
 * answers the upgrade requests the policy refuses before Tyrus sees them (Tyrus alone upgrades a POST, answers a
 * missing key with 500, and can only accept and close with 1013 when full). It counts the open WebSocket
 * connections for the limits, and closes connections that send no complete request within the handshake
 * timeout (slowloris), on a timer rather than a waiting thread. Once a connection is upgraded, every read
 * passes by its {@link FrameGuard}, which closes it with 1002 for an unmasked frame and with 1009 for a message
 * over the size limit as soon as a frame header announces it, before Tyrus buffers the payload.
 */
final class HandshakeGate extends BaseFilter {
    private static final System.Logger LOG = System.getLogger(HandshakeGate.class.getName());

    private static final String PROTOCOL = "Sec-WebSocket-Protocol";

    private final ConnectionLimits limits;
    private final HandshakePolicy policy;
    private final ScheduledExecutorService timers;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> openPerAddress = new ConcurrentHashMap<>();
    /** How long a refused connection may take to answer the close frame before its TCP connection is closed. */
    private static final java.time.Duration CLOSE_PATIENCE = java.time.Duration.ofSeconds(2);

    /** Set when the frame guard refused a connection: the timer that closes it if the client does not. */
    private final Attribute<ScheduledFuture<?>> closing =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.closing");
    /** Set once a connection is upgraded: the reader of its frame headers. */
    private final Attribute<FrameGuard> frames =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.frameGuard");
    private final Attribute<ScheduledFuture<?>> deadline =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.handshakeDeadline");
    private final Attribute<HttpHeader> lastRequest =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.lastRequest");

    private final int maxMessageBytes;

    HandshakeGate(ServerContext server, ScheduledExecutorService timers) {
        ServerConfig config = server.config();
        this.limits = config.limits();
        this.maxMessageBytes = config.maxMessageBytes();
        this.policy = new HandshakePolicy(server);
        this.timers = timers;
    }

    /** Puts a gate in front of the WebSocket filter; register it on a listener before Tyrus' add-on. */
    AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                builder.add(builder.indexOfType(HttpServerFilter.class), HandshakeGate.this);
            }
        };
    }

    int openConnections() {
        return open.get();
    }

    private final HandshakePolicy.OpenConnections openConnections = new HandshakePolicy.OpenConnections() {
        @Override
        public int total() {
            return open.get();
        }

        @Override
        public int from(String peer) {
            AtomicInteger fromPeer = openPerAddress.get(peer);
            return fromPeer == null ? 0 : fromPeer.get();
        }
    };

    @Override
    public NextAction handleAccept(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        armDeadline(connection);
        connection.addCloseListener((Connection.CloseListener) (closed, type) -> cancelDeadline(closed));
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Connection<?> connection = ctx.getConnection();
        FrameGuard guard = frames.get(connection);
        if (guard != null) {
            return guarded(ctx, guard);
        }
        if (!(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                || request == lastRequest.get(connection)) {
            return ctx.getInvokeAction();
        }
        lastRequest.set(connection, request);
        ClientMistakes.PARTIAL_REQUEST.remove(connection); // a complete request: nothing pending
        cancelDeadline(connection);
        if (!HandshakePolicy.isUpgrade(request::getHeader)) {
            armDeadline(connection); // plain HTTP: the next request must come in time too
            return ctx.getInvokeAction();
        }
        List<String> offers = new ArrayList<>();
        request.getHeaders().values(PROTOCOL).forEach(offers::add);
        HandshakePolicy.Request upgrade = new HandshakePolicy.Request(request.getMethod().getMethodString(),
                request.getRequestURI(), peer(connection), request::getHeader, request.getQueryString(), offers);
        Optional<HandshakeRefusal> refusal = policy.check(upgrade, openConnections);
        if (refusal.isPresent()) {
            return refuse(ctx, request, refusal.get());
        }
        // Tyrus reads the offers from this request: it sees only those the configured subprotocols allow
        request.getHeaders().removeHeader(PROTOCOL);
        policy.passedSubprotocols(upgrade).ifPresent(passed -> request.setHeader(PROTOCOL, passed));
        admit(connection);
        // frames the client sent right behind its upgrade request arrive as this request's content
        return guarded(ctx, frames.get(connection));
    }

    /** Passes an upgraded connection's bytes on to Tyrus, or closes it when its guard refuses them. */
    private NextAction guarded(FilterChainContext ctx, FrameGuard guard) {
        if (!(ctx.getMessage() instanceof HttpContent content)) {
            return ctx.getInvokeAction();
        }
        boolean refusedBefore = closing.get(ctx.getConnection()) != null;
        FrameGuard.Verdict verdict = guard.inspect(content.getContent());
        if (refusedBefore) {
            // our close frame is out: read and drop what the client still sends, until its own close
            if (guard.clientClosed()) {
                ctx.getConnection().closeSilently();
            }
            return ctx.getStopAction();
        }
        return switch (verdict) {
            case PASS -> ctx.getInvokeAction();
            case UNMASKED -> closeWith(ctx, 1002, "unmasked frame: a client must mask every frame (RFC 6455 5.1)");
            case TOO_BIG -> closeWith(ctx, 1009, guard.tooBigReason());
        };
    }

    /**
     * Sends a close frame with {@code code} and {@code reason}, without handing Tyrus the bytes it would have
     * buffered; then drops what the client still sends and closes the TCP connection when the client's close
     * frame comes, or after {@link #CLOSE_PATIENCE} (the endpoint sees the connection end, 1006).
     */
    private NextAction closeWith(FilterChainContext ctx, int code, String reason) {
        Connection<?> connection = ctx.getConnection();
        if (connection.isOpen()) {
            LOG.log(System.Logger.Level.WARNING, "closed a WebSocket connection from " + peer(connection) + " with "
                    + code + ": " + reason);
            byte[] closeFrame = Frames.encode(true, 0, Frame.CLOSE, null, Frame.closePayload(code, reason));
            // a raw buffer passes the HTTP codec unchanged on an upgraded connection, as Tyrus' own frames do
            ctx.write(Buffers.wrap(ctx.getMemoryManager(), closeFrame), null);
            ScheduledFuture<?> giveUp = timers.schedule(connection::closeSilently, CLOSE_PATIENCE.toMillis(),
                    TimeUnit.MILLISECONDS);
            closing.set(connection, giveUp);
            connection.addCloseListener((Connection.CloseListener) (closed, type) -> giveUp.cancel(false));
        }
        return ctx.getStopAction();
    }

    private NextAction refuse(FilterChainContext ctx, HttpRequestPacket request, HandshakeRefusal refusal) {
        HttpResponsePacket response = request.getResponse();
        response.setStatus(refusal.status());
        // the status line is ISO-8859-1: anything beyond ASCII in the reason is in the UTF-8 body only
        response.setReasonPhrase(refusal.reason().replaceAll("[^\\x20-\\x7e]", "?"));
        response.setHeader("Connection", "close");
        refusal.headers().forEach(response::setHeader);
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        // as a plain header: Grizzly drops a content type set through setContentType on this early path
        response.getHeaders().addValue("Content-Type").setString(HandshakeRefusal.CONTENT_TYPE);
        response.setContentLength(body.length);
        HttpContent answer = HttpContent.builder(response)
                .content(Buffers.wrap(ctx.getMemoryManager(), body)).last(true).build();
        Connection<?> connection = ctx.getConnection();
        ctx.write(answer, new EmptyCompletionHandler<WriteResult>() {
            @Override
            public void completed(WriteResult result) {
                connection.closeSilently();
            }
        });
        return ctx.getStopAction();
    }

    private void admit(Connection<?> connection) {
        frames.set(connection, new FrameGuard(maxMessageBytes));
        lastRequest.remove(connection); // from now on the guard decides: the request must not be kept
        open.incrementAndGet();
        String peer = peer(connection);
        // compute, not computeIfAbsent + increment: a close removing the entry in between would leave this
        // connection counted on a detached counter (the map's entries exist only while connections are open)
        openPerAddress.compute(peer, (key, count) -> {
            AtomicInteger counted = count == null ? new AtomicInteger() : count;
            counted.incrementAndGet();
            return counted;
        });
        connection.addCloseListener((Connection.CloseListener) (closed, type) -> {
            open.decrementAndGet();
            openPerAddress.computeIfPresent(peer, (key, count) -> count.decrementAndGet() <= 0 ? null : count);
        });
    }

    private void armDeadline(Connection<?> connection) {
        if (limits.handshakeTimeout().isZero()) {
            return;
        }
        deadline.set(connection, timers.schedule(() -> {
            if (frames.get(connection) == null && connection.isOpen()) {
                // bytes of a request that never completed: slow or stuck (slowloris); nothing at all: an idle
                // connection, such as the ones browsers open ahead of time, which is normal
                boolean partial = Boolean.TRUE.equals(ClientMistakes.PARTIAL_REQUEST.get(connection));
                LOG.log(partial ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "closed a connection from "
                        + peer(connection) + (partial ? " that sent an incomplete request" : " that sent nothing")
                        + " within " + limits.handshakeTimeout().toMillis() + " ms");
                connection.closeSilently();
            }
        }, limits.handshakeTimeout().toNanos(), TimeUnit.NANOSECONDS));
    }

    private void cancelDeadline(Connection<?> connection) {
        ScheduledFuture<?> pending = deadline.remove(connection);
        if (pending != null) {
            pending.cancel(false);
        }
    }

    private static String peer(Connection<?> connection) {
        Object address = connection.getPeerAddress();
        return address instanceof InetSocketAddress socket && socket.getAddress() != null
                ? HostAddresses.text(socket.getAddress()) : String.valueOf(address);
    }
}
