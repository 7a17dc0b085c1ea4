package dev.wsprobe.standalone;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * One server's spare zlib deflaters and inflaters (raw deflate, as RFC 7692 wants), so that a connection holds
 * one only while it needs it: for one message without context takeover, for its life with it. zlib's state is
 * large (a deflater about 256 KiB of native memory, an inflater about 40 KiB once it has a window), so the
 * pool keeps at most {@link #SPARES} of each; what comes back beyond that is freed at once. Thread-safe.
 */
final class ZlibPool implements AutoCloseable {
    /** More than the threads that can compress at once here (selectors, workers, the blocking senders). */
    static final int SPARES = 16;
    /** zlib's default level (6), as browsers and Node's ws use it. */
    static final int LEVEL = Deflater.DEFAULT_COMPRESSION;

    private final ArrayBlockingQueue<Deflater> deflaters = new ArrayBlockingQueue<>(SPARES);
    private final ArrayBlockingQueue<Inflater> inflaters = new ArrayBlockingQueue<>(SPARES);
    private volatile boolean closed;

    Deflater deflater() {
        Deflater spare = deflaters.poll();
        return spare != null ? spare : new Deflater(LEVEL, true);
    }

    Inflater inflater() {
        Inflater spare = inflaters.poll();
        return spare != null ? spare : new Inflater(true);
    }

    /** Takes back a deflater that is no longer used (reset here, for its next message), or frees it. */
    void release(Deflater deflater) {
        deflater.reset();
        if (closed || !deflaters.offer(deflater)) {
            deflater.end();
        }
    }

    void release(Inflater inflater) {
        inflater.reset();
        if (closed || !inflaters.offer(inflater)) {
            inflater.end();
        }
    }

    /** How many spares are kept now, for tests. */
    int spareDeflaters() {
        return deflaters.size();
    }

    int spareInflaters() {
        return inflaters.size();
    }

    /** Frees the spares; what connections still hold is freed when they give it back (or by the garbage collector). */
    @Override
    public void close() {
        closed = true;
        for (Deflater spare; (spare = deflaters.poll()) != null; ) {
            spare.end();
        }
        for (Inflater spare; (spare = inflaters.poll()) != null; ) {
            spare.end();
        }
    }
}
