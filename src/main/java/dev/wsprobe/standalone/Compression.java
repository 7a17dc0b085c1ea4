package dev.wsprobe.standalone;

/**
 * permessage-deflate (RFC 7692) on the standalone host: whether it is accepted, and the server's own choices in
 * the answer. The server compresses with the JDK's zlib, whose window is always 15 bits: an offer that asks the
 * server for a smaller one ({@code server_max_window_bits} below 15) is declined, whatever is set here.
 *
 * @param enabled               accept permessage-deflate when a client offers it
 * @param serverContextTakeover keep each connection's compression context from one message it sends to the next
 *                              (smaller repeats, at the cost of a zlib deflater, the larger part of zlib's state,
 *                              held by every connection that has been sent a message); false answers
 *                              {@code server_no_context_takeover}, and deflaters are then shared from a small pool
 *                              between messages
 * @param clientContextTakeover let clients keep their context between messages (the server then keeps an inflater
 *                              per connection that has sent a compressed message); false asks every client for
 *                              {@code client_no_context_takeover}, so that no connection holds an inflater between
 *                              messages. A client that offers {@code client_no_context_takeover} itself is taken
 *                              at its word either way. Some clients ignore the request (Jetty 12's and Tyrus'
 *                              clients did here): their second message that repeats the first then fails with 1007
 * @param clientMaxWindowBits   the largest LZ77 window the client is asked to compress with, 8-15, answered as
 *                              {@code client_max_window_bits} to a client whose offer allows it (one that does
 *                              not offer the parameter is not asked); 15 asks nothing. Saves the client's memory,
 *                              not the server's (the JDK's inflater always keeps a 15-bit window)
 */
public record Compression(boolean enabled, boolean serverContextTakeover, boolean clientContextTakeover,
        int clientMaxWindowBits) {
    public static final int MAX_WINDOW_BITS = 15;
    public static final int MIN_WINDOW_BITS = 8;
    /** Off. */
    public static final Compression OFF = new Compression(false, false, true, MAX_WINDOW_BITS);
    /**
     * On with the measured choices (docs/benchmarks.md): no server context takeover; clients keep theirs unless
     * they offer otherwise (asking them not to would break clients that ignore it).
     */
    public static final Compression ON = new Compression(true, false, true, MAX_WINDOW_BITS);
    /** What a server does when nothing is said. */
    public static final Compression DEFAULT = OFF;

    public Compression {
        if (clientMaxWindowBits < MIN_WINDOW_BITS || clientMaxWindowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("a deflate window is 8 to 15 bits, got " + clientMaxWindowBits);
        }
    }

    public Compression withServerContextTakeover(boolean keep) {
        return new Compression(enabled, keep, clientContextTakeover, clientMaxWindowBits);
    }

    public Compression withClientContextTakeover(boolean allow) {
        return new Compression(enabled, serverContextTakeover, allow, clientMaxWindowBits);
    }

    public Compression withClientMaxWindowBits(int bits) {
        return new Compression(enabled, serverContextTakeover, clientContextTakeover, bits);
    }

    /** For the start-up line: {@code on (server: no context takeover, ...)} or {@code off}. */
    public String describe() {
        if (!enabled) {
            return "off";
        }
        return "on (server: " + (serverContextTakeover ? "context takeover" : "no context takeover")
                + ", 15-bit window, offers asking for a smaller one are declined; clients: "
                + (clientContextTakeover ? "context takeover as they offer" : "asked for client_no_context_takeover")
                + (clientMaxWindowBits < MAX_WINDOW_BITS ? ", asked for client_max_window_bits=" + clientMaxWindowBits
                        : "") + ")";
    }
}
