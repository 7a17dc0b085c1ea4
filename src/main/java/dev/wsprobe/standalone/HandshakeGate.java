package dev.wsprobe.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
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
 * Stands in front of Tyrus on every listener and answers, before Tyrus sees them, the upgrade requests Tyrus
 * gets wrong or cannot refuse in HTTP: a missing or malformed {@code Sec-WebSocket-Key} (Tyrus: 500 or 101), a
 * method other than GET (Tyrus: 101), a full server (Tyrus can only accept and close with 1013) or too many
 * connections from one address. It also closes connections that send no complete request within the
 * handshake timeout (slowloris), on a timer rather than a waiting thread. Once a connection is upgraded,
 * every read passes through with one attribute lookup.
 */
final class HandshakeGate extends BaseFilter {
    private static final System.Logger LOG = System.getLogger(HandshakeGate.class.getName());
    private static final String WEBSOCKET_VERSION = "13";

    private final ConnectionLimits limits;
    private final ScheduledExecutorService timers;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, AtomicInteger> openPerAddress = new ConcurrentHashMap<>();
    private final Attribute<Boolean> upgraded =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.upgraded");
    private final Attribute<ScheduledFuture<?>> deadline =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.handshakeDeadline");
    private final Attribute<HttpHeader> lastRequest =
            AttributeBuilder.DEFAULT_ATTRIBUTE_BUILDER.createAttribute("wsprobe.lastRequest");

    HandshakeGate(ConnectionLimits limits, ScheduledExecutorService timers) {
        this.limits = limits;
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
        if (Boolean.TRUE.equals(upgraded.get(connection)) || !(ctx.getMessage() instanceof HttpContent content)
                || !(content.getHttpHeader() instanceof HttpRequestPacket request)
                || request == lastRequest.get(connection)) {
            return ctx.getInvokeAction();
        }
        lastRequest.set(connection, request);
        cancelDeadline(connection);
        if (!isWebSocketUpgrade(request)) {
            armDeadline(connection); // plain HTTP: the next request must come in time too
            return ctx.getInvokeAction();
        }
        String refusal = refusal(request, connection);
        if (refusal != null) {
            return refuse(ctx, request, refusal);
        }
        admit(connection);
        return ctx.getInvokeAction();
    }

    private static boolean isWebSocketUpgrade(HttpRequestPacket request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket");
    }

    /** "status reason" when the upgrade must be refused, null when it may go on to Tyrus. */
    private String refusal(HttpRequestPacket request, Connection<?> connection) {
        if (!"GET".equals(request.getMethod().getMethodString())) {
            return "405 an upgrade must be a GET, not " + request.getMethod().getMethodString();
        }
        String key = request.getHeader("Sec-WebSocket-Key");
        if (key == null || !isValidKey(key.trim())) {
            return "400 " + (key == null ? "no Sec-WebSocket-Key" : "Sec-WebSocket-Key is not 16 bytes in base64");
        }
        if (!WEBSOCKET_VERSION.equals(request.getHeader("Sec-WebSocket-Version"))) {
            return "426 only Sec-WebSocket-Version 13 is supported";
        }
        if (limits.maxConnections() > 0 && open.get() >= limits.maxConnections()) {
            return "503 the server is full (" + limits.maxConnections() + " connections)";
        }
        AtomicInteger fromPeer = openPerAddress.get(peer(connection));
        if (limits.maxConnectionsPerPeer() > 0 && fromPeer != null && fromPeer.get() >= limits.maxConnectionsPerPeer()) {
            return "429 too many connections from " + peer(connection) + " (" + limits.maxConnectionsPerPeer() + ")";
        }
        return null;
    }

    private static boolean isValidKey(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private NextAction refuse(FilterChainContext ctx, HttpRequestPacket request, String refusal) {
        int status = Integer.parseInt(refusal.substring(0, 3));
        String reason = refusal.substring(4);
        LOG.log(System.Logger.Level.WARNING, "refused an upgrade from " + peer(ctx.getConnection()) + " to "
                + request.getRequestURI() + ": HTTP " + status + ", " + reason);
        HttpResponsePacket response = request.getResponse();
        response.setStatus(status);
        response.setReasonPhrase(reason);
        response.setHeader("Connection", "close");
        if (status == 426) {
            response.setHeader("Sec-WebSocket-Version", WEBSOCKET_VERSION);
        } else if (status == 503 || status == 429) {
            response.setHeader("Retry-After", "5");
        } else if (status == 405) {
            response.setHeader("Allow", "GET");
        }
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain; charset=utf-8");
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
        upgraded.set(connection, Boolean.TRUE);
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
            if (!Boolean.TRUE.equals(upgraded.get(connection)) && connection.isOpen()) {
                LOG.log(System.Logger.Level.WARNING, "closed a connection from " + peer(connection)
                        + " that sent no complete request within " + limits.handshakeTimeout().toMillis() + " ms");
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
                ? socket.getAddress().getHostAddress() : String.valueOf(address);
    }
}
