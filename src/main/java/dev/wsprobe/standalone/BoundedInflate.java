package dev.wsprobe.standalone;

import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates one frame's permessage-deflate payload, stopping as soon as the output would pass a bound: a frame
 * of a few KiB can inflate to gigabytes (a decompression bomb), and the message size limit is about what the
 * message inflates to. At most {@code allowed + 1} bytes are ever produced, however much the input holds.
 */
final class BoundedInflate {
    /** The 4 octets RFC 7692 7.2.2 appends to a message's payload before inflating it (an empty stored block). */
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final byte[] NO_INPUT = new byte[0];

    /** The inflated bytes ({@code bytes[0..length)}), or over the bound, or not deflate data at all. */
    record Result(byte[] bytes, int length, boolean tooBig, String corrupt) {
        static final Result TOO_BIG = new Result(new byte[0], 0, true, null);

        static Result corrupt(String why) {
            return new Result(new byte[0], 0, false, why);
        }
    }

    private BoundedInflate() {
    }

    /**
     * @param compressed the frame's payload
     * @param last       whether it is the message's last frame (then the tail is appended)
     * @param allowed    how many more bytes the message may inflate to
     */
    static Result inflate(Inflater inflater, byte[] compressed, boolean last, long allowed) {
        byte[] input = compressed;
        if (last) {
            input = Arrays.copyOf(compressed, compressed.length + TAIL.length);
            System.arraycopy(TAIL, 0, input, compressed.length, TAIL.length);
        }
        inflater.setInput(input);
        long cap = Math.min(allowed + 1, Integer.MAX_VALUE - 8);
        byte[] output = new byte[(int) Math.min(cap, Math.max(256, input.length * 4L))];
        int length = 0;
        try {
            while (true) {
                if (length > allowed) {
                    return Result.TOO_BIG;
                }
                if (length == output.length) {
                    // full, and still not past the bound: room for more, never past one byte over it
                    output = Arrays.copyOf(output, (int) Math.min(cap, output.length * 2L));
                }
                int produced = inflater.inflate(output, length, output.length - length);
                length += produced;
                if (produced == 0) {
                    if (inflater.finished() || inflater.needsInput()) {
                        break;
                    }
                    return Result.corrupt(inflater.needsDictionary() ? "a preset dictionary is not allowed"
                            : "the inflater made no progress");
                }
            }
        } catch (DataFormatException e) {
            return Result.corrupt(e.getMessage() == null ? "not deflate data" : e.getMessage());
        } finally {
            inflater.setInput(NO_INPUT); // an inflater kept between messages must not keep this frame alive
        }
        return length > allowed ? Result.TOO_BIG : new Result(output, length, false, null);
    }
}
