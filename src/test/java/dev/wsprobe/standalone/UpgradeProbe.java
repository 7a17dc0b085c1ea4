package dev.wsprobe.standalone;

import java.lang.ref.WeakReference;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * A filter for tests, just behind Grizzly's HTTP codec: remembers the server side of the first connection that
 * sends an upgrade request, and that request, weakly (so a test can see it collected).
 */
final class UpgradeProbe {
    volatile WeakReference<HttpRequestPacket> request = new WeakReference<>(null);
    volatile Connection<?> connection;

    /** Register with {@code StandaloneServer.start(options, limits, List.of(probe.addOn()))}. */
    AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                builder.add(builder.indexOfType(HttpServerFilter.class) + 1, new BaseFilter() {
                    @Override
                    public NextAction handleRead(FilterChainContext ctx) {
                        if (connection == null && ctx.getMessage() instanceof HttpContent content
                                && content.getHttpHeader() instanceof HttpRequestPacket upgrade
                                && upgrade.isUpgrade()) {
                            request = new WeakReference<>(upgrade);
                            connection = ctx.getConnection();
                        }
                        return ctx.getInvokeAction();
                    }
                });
            }
        };
    }
}
