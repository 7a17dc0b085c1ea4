package dev.wsprobe.web;

import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.server.OriginCheck;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The WAR's origin check, in front of the server's WebSocket implementation. Both Tyrus (Payara) and Undertow
 * (WildFly) map their upgrade filter after the application's filters, so this sees every handshake first. It
 * answers a refused origin with 403 itself because Undertow, when the endpoint's {@code checkOrigin} says no,
 * passes the request on down the chain instead of refusing it; for an accepted one it hands the Host header to
 * {@link OriginCheck} so the standard hook agrees. The allowed origins come from the setting
 * {@code allowed-origins} (see {@link WebSetting}); the default lets in this application's own test page and
 * clients that send no Origin.
 */
@WebFilter(filterName = "wsprobe origin check", urlPatterns = "/*", asyncSupported = true)
public class OriginFilter extends HttpFilter {
    static final WebSetting ALLOWED_ORIGINS = new WebSetting("allowed-origins");
    private static final long serialVersionUID = 1L;
    private static final System.Logger LOG = System.getLogger(OriginFilter.class.getName());

    @Override
    public void init(FilterConfig config) throws ServletException {
        super.init(config);
        String setting = ALLOWED_ORIGINS.lookup(config.getServletContext()).orElse("");
        AllowedOrigins origins;
        try {
            origins = AllowedOrigins.parse(setting);
        } catch (IllegalArgumentException e) {
            throw new ServletException("wsprobe: bad " + ALLOWED_ORIGINS.systemProperty() + " / "
                    + ALLOWED_ORIGINS.environmentVariable() + ": " + e.getMessage(), e);
        }
        OriginCheck.allow(origins);
        LOG.log(System.Logger.Level.INFO, "WebSocket handshakes allowed from " + origins.describe());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            chain.doFilter(request, response);
            return;
        }
        String host = request.getHeader("Host");
        String path = request.getRequestURI();
        if (!OriginCheck.admits(request.getHeader("Origin"), host, path)) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, "origin not allowed");
            return;
        }
        try (OriginCheck.Handshake ignored = OriginCheck.handshake(host, path)) {
            chain.doFilter(request, response);
        }
    }
}
