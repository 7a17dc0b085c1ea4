package dev.wsprobe.testing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A client's permessage-deflate written from RFC 7692 7.2 with the JDK's raw zlib, for tests that send and read
 * compressed frames themselves: compress and sync-flush each message part, removing the trailing
 * {@code 00 00 FF FF} from a message's last part; inflate a message's joined payload with that tail appended.
 */
public final class ClientDeflate {
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private ClientDeflate() {
    }

    /** A raw deflater at zlib's default level: keep it for context takeover, or use one per message. */
    public static Deflater deflater() {
        return new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    }

    public static byte[] compress(Deflater deflater, byte[] part, boolean last) {
        deflater.setInput(part);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length);
        byte[] bytes = out.toByteArray();
        return last ? Arrays.copyOf(bytes, bytes.length - TAIL.length) : bytes;
    }

    /** A whole message in one call, with a fresh deflater (no context takeover). */
    public static byte[] compress(byte[] message) {
        Deflater deflater = deflater();
        try {
            return compress(deflater, message, true);
        } finally {
            deflater.end();
        }
    }

    public static byte[] inflate(Inflater inflater, byte[] payload) throws DataFormatException {
        byte[] input = Arrays.copyOf(payload, payload.length + TAIL.length);
        System.arraycopy(TAIL, 0, input, payload.length, TAIL.length);
        inflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = inflater.inflate(buffer)) > 0 || !inflater.needsInput()) {
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /**
     * A decompression bomb: {@code mebibytes} MiB of zeros as one message's payload, about 1 KiB compressed per
     * MiB (pieces of 1 MiB each compressed on its own, joined; a valid stream).
     */
    public static byte[] bomb(int mebibytes) {
        byte[] piece = compress(deflater(), new byte[1 << 20], false);
        ByteArrayOutputStream bomb = new ByteArrayOutputStream(piece.length * mebibytes);
        for (int i = 0; i < mebibytes; i++) {
            bomb.writeBytes(piece);
        }
        return bomb.toByteArray();
    }
}
