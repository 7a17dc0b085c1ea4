package dev.wsprobe.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

/** Writing and reading frames (RFC 6455 section 5.2): header bits, the three length forms, masking. */
public final class Frames {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Frames() {
    }

    /** Writes one frame, masked with a fresh random key as a client must; servers pass {@code masked} false. */
    public static void write(OutputStream out, Frame frame, boolean masked) throws IOException {
        out.write(encode(frame.fin(), 0, frame.opcode(), masked ? newMask() : null, frame.payload()));
        out.flush();
    }

    /**
     * The bytes of one frame exactly as described, rule-breaking ones included.
     *
     * @param rsv  the three reserved bits (0 unless an extension says otherwise)
     * @param mask the 4-byte masking key, or null for an unmasked frame
     */
    public static byte[] encode(boolean fin, int rsv, int opcode, byte[] mask, byte[] payload) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode & 0x0F);
        int maskBit = mask != null ? 0x80 : 0;
        if (payload.length <= 125) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xFF);
            }
        }
        if (mask == null) {
            frame.writeBytes(payload);
        } else {
            frame.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
        }
        return frame.toByteArray();
    }

    /**
     * Reads one frame, unmasking it if it is masked. Fragments come back as they are.
     *
     * @param maxPayload a larger announced length fails with an IOException before anything is allocated
     */
    public static Frame read(InputStream in, long maxPayload) throws IOException {
        DataInputStream data = in instanceof DataInputStream given ? given : new DataInputStream(in);
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        if (length < 0 || length > maxPayload) {
            throw new IOException("frame of " + Long.toUnsignedString(length) + " bytes is over the limit of "
                    + maxPayload);
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            mask = new byte[4];
            data.readFully(mask);
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        data.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((first & 0x80) != 0, first & 0x0F, payload);
    }

    /** A fresh random masking key. */
    public static byte[] newMask() {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        return mask;
    }
}
