package dev.wsprobe.standalone;

import java.io.IOException;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.ssl.SSLBaseFilter;
import org.glassfish.grizzly.ssl.SSLUtils;

/**
 * Gives the buffer of each encrypted write back to Grizzly's pool once it is written.
 *
 * <p>Why: Grizzly's TLS filter encrypts each write into an output buffer taken from a per-thread pool of
 * record-sized buffers (about 16.7 KiB; its own handshake gives them back), but does not mark the ones of
 * application data as disposable, so the transport drops them after the write instead of returning them: once
 * the pool is empty, every message sent over TLS allocated a fresh 16.7 KiB buffer, and each connection's TLS
 * context kept its last one ({@code SSLConnectionContext}'s "last output buffer") until its next write. This
 * filter, between the transport and the TLS filter, marks each encrypted buffer on its way out disposable
 * ({@link SSLUtils#allowDispose}, what Grizzly does with its handshake buffers): the transport returns it to
 * the pool once written, or, when the write has to wait, Grizzly's copy-on-queue step does.
 */
final class TlsOutputBuffers extends BaseFilter {

    /** Puts the filter under the TLS filter of a secure listener; a plain listener gets nothing. */
    static AddOn addOn() {
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                int tls = builder.indexOfType(SSLBaseFilter.class);
                if (tls >= 0) {
                    builder.add(tls, new TlsOutputBuffers());
                }
            }
        };
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof Buffer encrypted) {
            SSLUtils.allowDispose(encrypted);
        }
        return ctx.getInvokeAction();
    }
}
