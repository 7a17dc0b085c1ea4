package dev.wsprobe.web;

import dev.wsprobe.server.EndpointStats;
import dev.wsprobe.server.HandshakePolicy;
import dev.wsprobe.server.HandshakeRefusal;
import dev.wsprobe.server.ServerContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.nio.charset.StandardCharsets;

/**
 * The WAR's side of the {@link HandshakePolicy}: in front of the server's WebSocket implementation, it answers
 * the upgrade requests the policy refuses, with the same status, headers and body as the standalone server.
 * {@link WarLifecycle} adds it first in the chain (not by annotation: Jetty 12 would put its own upgrade filter
 * ahead of an annotated one), so it sees every handshake before the server's WebSocket implementation does;
 * left alone, Payara and WildFly upgrade a POST with 101, Undertow passes a request whose {@code checkOrigin}
 * failed on down the chain instead of refusing it, and Jetty upgrades a page from any origin.
 */
public class HandshakeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final String PROTOCOL = "Sec-WebSocket-Protocol";

    private transient HandshakePolicy policy;
    private transient HandshakePolicy.OpenConnections open;

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        // the lifecycle listener runs before any filter is initialised, and has put this deployment's server there
        ServerContext server = (ServerContext) config.getServletContext().getAttribute(WarLifecycle.SERVER_ATTRIBUTE);
        if (server == null) {
            throw new ServletException("wsprobe: the server context is missing: WarLifecycle did not start");
        }
        policy = new HandshakePolicy(server);
        open = openConnectionsOf(server);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!HandshakePolicy.isUpgrade(request::getHeader)) {
            chain.doFilter(request, response);
            return;
        }
        List<String> offers = request.getHeaders(PROTOCOL) == null ? List.of()
                : Collections.list(request.getHeaders(PROTOCOL));
        HandshakePolicy.Request upgrade = new HandshakePolicy.Request(request.getMethod(), request.getRequestURI(),
                request.getRemoteAddr(), request::getHeader, request.getQueryString(), offers);
        var refusal = policy.check(upgrade, open);
        if (refusal.isEmpty()) {
            // the server's WebSocket implementation sees only the offers the configured subprotocols allow
            chain.doFilter(new OffersPassedOn(request, policy.passedSubprotocols(upgrade).orElse(null)), response);
            return;
        }
        answer(response, refusal.get());
    }

    /** The request with its {@code Sec-WebSocket-Protocol} header replaced by {@code passed} (none when null). */
    private static final class OffersPassedOn extends HttpServletRequestWrapper {
        private final String passed;

        OffersPassedOn(HttpServletRequest request, String passed) {
            super(request);
            this.passed = passed;
        }

        private static boolean isProtocol(String name) {
            return PROTOCOL.equalsIgnoreCase(name);
        }

        @Override
        public String getHeader(String name) {
            return isProtocol(name) ? passed : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (isProtocol(name)) {
                return Collections.enumeration(passed == null ? List.<String>of() : List.of(passed));
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all != null && all.hasMoreElements();) {
                String name = all.nextElement();
                if (!isProtocol(name)) {
                    names.add(name);
                }
            }
            if (passed != null) {
                names.add(PROTOCOL);
            }
            return Collections.enumeration(names);
        }
    }

    private static void answer(HttpServletResponse response, HandshakeRefusal refusal) throws IOException {
        byte[] body = refusal.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(refusal.status());
        refusal.headers().forEach(response::setHeader);
        response.setHeader("Connection", "close");
        response.setContentType(HandshakeRefusal.CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Open connections as this deployment's endpoints count them. The servlet layer cannot see a connection
     * end, so the count comes from the sessions; the per-address count walks them, which only happens when a
     * per-address limit is set.
     */
    private static HandshakePolicy.OpenConnections openConnectionsOf(ServerContext server) {
        return new HandshakePolicy.OpenConnections() {
            @Override
            public int total() {
                return server.endpoints().stream().mapToInt(endpoint -> endpoint.snapshot().openConnections()).sum();
            }

            @Override
            public int from(String peer) {
                int count = 0;
                for (EndpointStats endpoint : server.endpoints()) {
                    count += endpoint.openFrom(peer);
                }
                return count;
            }
        };
    }
}
