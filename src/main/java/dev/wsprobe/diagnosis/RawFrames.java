package dev.wsprobe.diagnosis;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.SecureRandom;

/** Just enough of RFC 6455 framing to exchange a message, a ping and a close after a raw upgrade. */
final class RawFrames {
    static final int TEXT = 0x1;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A frame as received. */
    record Frame(int opcode, byte[] payload) {
    }

    private RawFrames() {
    }

    /** Writes one final, masked frame (clients must mask). */
    static void write(OutputStream out, int opcode, byte[] payload) throws IOException {
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        int length = payload.length;
        byte[] header;
        if (length < 126) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | length)};
        } else if (length <= 0xFFFF) {
            header = new byte[] {(byte) (0x80 | opcode), (byte) (0x80 | 126), (byte) (length >>> 8), (byte) length};
        } else {
            header = new byte[10];
            header[0] = (byte) (0x80 | opcode);
            header[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                header[9 - i] = (byte) ((long) length >>> (8 * i));
            }
        }
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        out.write(header);
        out.write(mask);
        out.write(masked);
        out.flush();
    }

    /** Reads one frame; fragments are returned as they come (the check only sends small messages). */
    static Frame read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        long length = second & 0x7F;
        if (length == 126) {
            length = data.readUnsignedShort();
        } else if (length == 127) {
            length = data.readLong();
        }
        if (length > 16 * 1024 * 1024) {
            throw new IOException("frame of " + length + " bytes is larger than a check expects");
        }
        byte[] mask = null;
        if ((second & 0x80) != 0) {
            mask = new byte[4];
            data.readFully(mask);
        }
        byte[] payload = new byte[(int) length];
        data.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame(first & 0x0F, payload);
    }
}
