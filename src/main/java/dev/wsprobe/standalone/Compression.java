package dev.wsprobe.standalone;

/**
 * permessage-deflate (RFC 7692) on the standalone host: whether it is accepted, and the server's own choices in
 * the answer. The server compresses with the JDK's zlib, whose window is always 15 bits: an offer that asks the
 * server for a smaller one ({@code server_max_window_bits} below 15) is declined, whatever is set here.
 *
 * @param enabled             accept permessage-deflate when a client offers it
 * @param contextTakeover     keep each connection's compression context from one message to the next (better
 *                            compression of similar messages, at the cost of a zlib deflater and inflater held
 *                            by every connection that has sent or received a message); false answers
 *                            {@code server_no_context_takeover} and {@code client_no_context_takeover}, and then
 *                            no connection holds zlib state between messages (they share a small pool)
 * @param clientMaxWindowBits the largest LZ77 window the client is asked to compress with, 8-15, answered as
 *                            {@code client_max_window_bits} to a client whose offer allows it (one that does not
 *                            offer the parameter is not asked); 15 asks nothing. Saves the client's memory, not the
 *                            server's (the JDK's inflater always keeps a 15-bit window)
 */
public record Compression(boolean enabled, boolean contextTakeover, int clientMaxWindowBits) {
    public static final int MAX_WINDOW_BITS = 15;
    public static final int MIN_WINDOW_BITS = 8;
    /** Off. */
    public static final Compression OFF = new Compression(false, false, MAX_WINDOW_BITS);
    /** On, without context takeover: the measured choice (docs/benchmarks.md). */
    public static final Compression ON = new Compression(true, false, MAX_WINDOW_BITS);
    /** What a server does when nothing is said. */
    public static final Compression DEFAULT = OFF;

    public Compression {
        if (clientMaxWindowBits < MIN_WINDOW_BITS || clientMaxWindowBits > MAX_WINDOW_BITS) {
            throw new IllegalArgumentException("a deflate window is 8 to 15 bits, got " + clientMaxWindowBits);
        }
    }

    public Compression withContextTakeover(boolean keep) {
        return new Compression(enabled, keep, clientMaxWindowBits);
    }

    public Compression withClientMaxWindowBits(int bits) {
        return new Compression(enabled, contextTakeover, bits);
    }

    /** For the start-up line: {@code on (no context takeover, ...)} or {@code off}. */
    public String describe() {
        if (!enabled) {
            return "off";
        }
        return "on (" + (contextTakeover ? "context takeover" : "no context takeover: server_no_context_takeover and "
                + "client_no_context_takeover") + "; server window 15 bits, offers asking for less are declined; "
                + (clientMaxWindowBits < MAX_WINDOW_BITS ? "clients asked for client_max_window_bits="
                        + clientMaxWindowBits : "client window as the client chooses") + ")";
    }
}
