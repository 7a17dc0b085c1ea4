package dev.wsprobe.standalone;

import java.util.Arrays;
import java.util.zip.Deflater;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * The compressing half of one connection's permessage-deflate (RFC 7692 7.2.1): every data frame the server sends
 * goes out compressed, RSV1 on a message's first frame only. With context takeover the connection keeps one
 * deflater from its first message to its close; without, each frame takes one from the pool and gives it back
 * reset, so the connection holds nothing between messages. That is correct for fragments too: each fragment is
 * then a self-contained run of deflate blocks ending in an empty stored block, and their concatenation is the
 * message's deflate stream. Tyrus sends a connection's data frames one at a time and in order.
 */
final class MessageDeflater {
    private static final byte CONTINUATION = 0x0;
    private static final byte CLOSE = 0x8;
    private static final byte[] NO_INPUT = new byte[0];

    private final ZlibPool pool;
    private final boolean keepContext;
    private Deflater kept;
    private boolean ended;

    MessageDeflater(ZlibPool pool, boolean keepContext) {
        this.pool = pool;
        this.keepContext = keepContext;
    }

    synchronized Frame process(Frame frame) {
        if (frame.isControlFrame()) {
            if (frame.getOpcode() == CLOSE) {
                end(); // nothing follows a close frame
            }
            return frame;
        }
        if (ended) {
            return frame; // after the close: Tyrus will not send it
        }
        Deflater deflater = keepContext ? kept() : pool.deflater();
        try {
            Compressed compressed = compress(deflater, frame.getPayloadData(), frame.isFin());
            return Frame.builder(frame).payloadData(compressed.bytes()).payloadLength(compressed.length())
                    .rsv1(frame.getOpcode() != CONTINUATION).build();
        } finally {
            if (!keepContext) {
                pool.release(deflater);
            }
        }
    }

    /** Gives the kept deflater back; later frames are left alone. */
    synchronized void end() {
        ended = true;
        if (kept != null) {
            pool.release(kept);
            kept = null;
        }
    }

    private Deflater kept() {
        if (kept == null) {
            kept = pool.deflater(); // at the first message: a connection that never sends holds none
        }
        return kept;
    }

    record Compressed(byte[] bytes, int length) {
    }

    /**
     * Compresses {@code payload} and flushes to a byte boundary (the output then ends in 00 00 FF FF, the empty
     * stored block); on a message's last frame those 4 octets are removed, as the receiver appends them again.
     */
    static Compressed compress(Deflater deflater, byte[] payload, boolean last) {
        deflater.setInput(payload);
        byte[] output = new byte[payload.length / 2 + 64];
        int length = 0;
        while (true) {
            length += deflater.deflate(output, length, output.length - length, Deflater.SYNC_FLUSH);
            if (length < output.length) {
                break; // zlib left room: everything is out (a full buffer may mean more is pending)
            }
            output = Arrays.copyOf(output, output.length * 2);
        }
        deflater.setInput(NO_INPUT); // a deflater kept between messages must not keep the last one alive
        if (last && length >= 4 && output[length - 4] == 0 && output[length - 3] == 0
                && output[length - 2] == (byte) 0xFF && output[length - 1] == (byte) 0xFF) {
            length -= 4;
        }
        return new Compressed(output, length);
    }
}
