package dev.wsprobe.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.server.OriginCheck;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WAR's filter with hand-made servlet objects: what it lets through to the WebSocket implementation, what
 * it refuses with 403, and where its setting comes from. The real servers run it in the container tests.
 */
class OriginFilterTest {
    private final AtomicReference<Integer> error = new AtomicReference<>();
    private final AtomicReference<Boolean> hookSaid = new AtomicReference<>();

    @AfterEach
    void restoreDefaults() {
        System.clearProperty("wsprobe.allowed-origins");
        OriginCheck.allow(AllowedOrigins.SAME_ORIGIN_ONLY);
    }

    @Test
    void ownOriginPassesAndTheStandardHookAgrees() throws Exception {
        OriginFilter filter = initialized(Map.of());
        filter.doFilter(upgrade("http://shop.test:8080", "shop.test:8080"), response(), chainAskingTheHook(
                "http://shop.test:8080"));
        assertNull(error.get());
        assertEquals(Boolean.TRUE, hookSaid.get(), "checkOrigin inside the chain saw the Host and agreed");
    }

    @Test
    void otherOriginIsRefusedWith403BeforeTheImplementation() throws Exception {
        OriginFilter filter = initialized(Map.of());
        filter.doFilter(upgrade("http://evil.test", "shop.test:8080"), response(), chainAskingTheHook("x"));
        assertEquals(403, error.get());
        assertNull(hookSaid.get(), "the WebSocket implementation never saw it");
    }

    @Test
    void contextParameterListsMoreOriginsAndSystemPropertyWins() throws Exception {
        initialized(Map.of("wsprobe.allowed-origins", "http://tools.test"));
        assertTrue(OriginCheck.allowed().allows("http://tools.test", "shop.test"));
        System.setProperty("wsprobe.allowed-origins", "*");
        initialized(Map.of("wsprobe.allowed-origins", "http://tools.test"));
        assertTrue(OriginCheck.allowed().allowsAny());
    }

    @Test
    void badSettingFailsTheDeploymentNamingIt() {
        ServletException e = assertThrows(ServletException.class,
                () -> initialized(Map.of("wsprobe.allowed-origins", "tools.test")));
        assertTrue(e.getMessage().contains("'tools.test' is not an origin"), e.getMessage());
    }

    @Test
    void plainRequestsAreNotTouched() throws Exception {
        OriginFilter filter = initialized(Map.of());
        AtomicReference<Boolean> passed = new AtomicReference<>(false);
        filter.doFilter(request(Map.of("Origin", "http://evil.test")), response(), (req, res) -> passed.set(true));
        assertTrue(passed.get());
        assertNull(error.get());
    }

    private FilterChain chainAskingTheHook(String origin) {
        return (req, res) -> hookSaid.set(new OriginCheck().checkOrigin(origin));
    }

    private static OriginFilter initialized(Map<String, String> contextParameters) throws ServletException {
        ServletContext context = fake(ServletContext.class, (name, args) ->
                name.equals("getInitParameter") ? contextParameters.get((String) args[0]) : null);
        FilterConfig config = fake(FilterConfig.class, (name, args) -> switch (name) {
            case "getServletContext" -> context;
            case "getFilterName" -> "test";
            default -> null;
        });
        OriginFilter filter = new OriginFilter();
        filter.init(config);
        return filter;
    }

    private static HttpServletRequest upgrade(String origin, String host) {
        Map<String, String> headers = new HashMap<>(Map.of("Upgrade", "websocket", "Host", host));
        headers.put("Origin", origin);
        return request(headers);
    }

    private static HttpServletRequest request(Map<String, String> headers) {
        return fake(HttpServletRequest.class, (name, args) -> switch (name) {
            case "getHeader" -> headers.get((String) args[0]);
            case "getRequestURI" -> "/wsprobe/echo";
            default -> null;
        });
    }

    private HttpServletResponse response() {
        return fake(HttpServletResponse.class, (name, args) -> {
            if (name.equals("sendError")) {
                error.set((Integer) args[0]);
            }
            return null;
        });
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> method.getName().equals("toString") ? type.getSimpleName()
                        : answer.answer(method.getName(), args == null ? new Object[0] : args)));
    }
}
