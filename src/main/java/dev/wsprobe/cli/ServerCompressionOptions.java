package dev.wsprobe.cli;

import dev.wsprobe.standalone.Compression;
import picocli.CommandLine.Option;

/** The server's permessage-deflate flags (what is negotiated and why: the README's compression section). */
public final class ServerCompressionOptions {
    @Option(names = "--compression", paramLabel = "on|off", defaultValue = "${env:WSPROBE_COMPRESSION:-off}",
            converter = OnOffConverter.class, arity = "1",
            description = "Accept permessage-deflate (RFC 7692) when a client offers it (default: ${DEFAULT-VALUE}; "
                    + "see the README for what is negotiated and what it costs per connection).")
    boolean enabled;

    @Option(names = "--compression-server-context-takeover", paramLabel = "on|off",
            defaultValue = "${env:WSPROBE_COMPRESSION_SERVER_CONTEXT_TAKEOVER:-off}", converter = OnOffConverter.class,
            arity = "1",
            description = "With --compression on: keep each connection's compression context from one message the "
                    + "server sends to the next (smaller repeats, but a zlib deflater held by every connection that "
                    + "was sent a message); off answers server_no_context_takeover and shares deflaters between "
                    + "messages (default: ${DEFAULT-VALUE}).")
    boolean serverContextTakeover;

    @Option(names = "--compression-client-context-takeover", paramLabel = "on|off",
            defaultValue = "${env:WSPROBE_COMPRESSION_CLIENT_CONTEXT_TAKEOVER:-on}", converter = OnOffConverter.class,
            arity = "1",
            description = "With --compression on: let clients keep their context between messages (the server then "
                    + "keeps an inflater per connection that has sent a compressed message); off asks every client "
                    + "for client_no_context_takeover, which some clients ignore (Jetty 12's, Tyrus'): their "
                    + "repeated messages then fail with 1007 (default: ${DEFAULT-VALUE}).")
    boolean clientContextTakeover;

    @Option(names = "--compression-client-window-bits", paramLabel = "8-15", defaultValue = "15",
            description = "With --compression on: the largest window clients are asked to compress with, as "
                    + "client_max_window_bits to clients that offer it (default: ${DEFAULT-VALUE}, asking nothing). "
                    + "The server's own window is always 15 bits (the JDK's zlib): offers asking for less are "
                    + "declined.")
    int clientWindowBits;

    Compression compression() {
        try {
            return new Compression(enabled, serverContextTakeover, clientContextTakeover, clientWindowBits);
        } catch (IllegalArgumentException e) {
            throw new UserError(ExitCodes.USAGE, "--compression-client-window-bits " + clientWindowBits + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code on} or {@code off} ({@code true}/{@code false} too). */
    static final class OnOffConverter implements picocli.CommandLine.ITypeConverter<Boolean> {
        @Override
        public Boolean convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is neither on nor off");
            };
        }
    }
}
