package dev.wsprobe.standalone;

import org.glassfish.grizzly.Buffer;

/**
 * Reads the frame headers of one upgraded connection as its bytes pass by on their way to Tyrus, and says no
 * to what Tyrus would accept or buffer first: an unmasked client frame (RFC 6455 section 5.1: close with 1002;
 * Tyrus 2.2.2 accepts it) and a data message whose announced size goes over the limit (1009), found from the
 * frame header and the running total of a fragmented message, before any of its payload is buffered. Tyrus
 * alone assembles the whole message (up to its incoming buffer) and only then lets the endpoint see its size.
 *
 * <p>Payload bytes are skipped, never copied: the work per read is a few header bytes. Control frames are
 * left to Tyrus' own checks (125-byte limit, no fragmentation). The reserved bits are not its business: a
 * message whose first frame has RSV1 set (permessage-deflate) is compressed, and its frames announce compressed
 * sizes, which may be a little larger than what they inflate to (deflate can grow incompressible data by a few
 * percent, more with a naive encoder): such a message may announce up to {@link #compressedLimit} bytes, and the
 * deflate extension checks the limit against the inflated size as it inflates.
 *
 * <p>After a refusal it goes on reading headers, so the host can tell when the client answers with its own close
 * frame (RFC 6455 section 7.1.1: the server closes TCP after that, or a browser that is still sending can get a
 * reset instead of the close frame and report 1006).
 */
final class FrameGuard {
    /** What the bytes seen so far allow. */
    enum Verdict {
        PASS, UNMASKED, TOO_BIG
    }

    private static final int MAX_HEADER = 14;

    private final long limit;
    private final long compressedLimit;
    /** Whether the data message in progress is compressed (RSV1 on its first frame). */
    private boolean compressed;
    private final byte[] header = new byte[MAX_HEADER];
    private int headerRead;
    /** Payload bytes of the current frame still to pass; -1 while its header is incomplete. */
    private long payloadLeft = -1;
    /** Payload bytes announced so far for the data message in progress. */
    private long messageBytes;
    private Verdict verdict = Verdict.PASS;
    private boolean clientClosed;

    /** @param limit the largest data message accepted, in bytes */
    FrameGuard(long limit) {
        this.limit = limit;
        this.compressedLimit = compressedLimit(limit);
    }

    /** What a compressed message may announce: an eighth more than the limit, and a few bytes. */
    static long compressedLimit(long limit) {
        return limit + limit / 8 + 64;
    }

    /** The announced size of the message that went over the limit, for the close reason. */
    long messageBytes() {
        return messageBytes;
    }

    /** {@code message too big: 70000 bytes, limit 65536}, for the close frame. */
    String tooBigReason() {
        return compressed
                ? "message too big: " + messageBytes + " bytes compressed, limit " + compressedLimit + " compressed"
                : "message too big: " + messageBytes + " bytes, limit " + limit;
    }

    /** True once a close frame from the client has begun. */
    boolean clientClosed() {
        return clientClosed;
    }

    /** Looks at {@code buffer}'s readable bytes without moving its position; once refused, always refused. */
    Verdict inspect(Buffer buffer) {
        int position = buffer.position();
        int end = buffer.limit();
        while (position < end) {
            if (payloadLeft > 0) {
                long skipped = Math.min(payloadLeft, end - position);
                payloadLeft -= skipped;
                position += (int) skipped;
                continue;
            }
            header[headerRead++] = buffer.get(position++);
            if (headerRead >= 2 && headerRead == headerLength()) {
                Verdict frame = frameStarts();
                if (verdict == Verdict.PASS) {
                    verdict = frame;
                }
                headerRead = 0;
            }
        }
        return verdict;
    }

    /** The current header's full length once its first two bytes are known. */
    private int headerLength() {
        int length7 = header[1] & 0x7F;
        int extended = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
        int mask = (header[1] & 0x80) != 0 ? 4 : 0;
        return 2 + extended + mask;
    }

    private Verdict frameStarts() {
        boolean masked = (header[1] & 0x80) != 0;
        long length = payloadLength();
        payloadLeft = length < 0 ? Long.MAX_VALUE : length;
        int opcode = header[0] & 0x0F;
        if (opcode == 0x8) {
            clientClosed = true;
        }
        if (!masked) {
            return Verdict.UNMASKED;
        }
        if (opcode >= 0x8) {
            return Verdict.PASS; // a control frame, possibly between the fragments of a data message
        }
        // a text or binary frame starts a message, a continuation adds to it
        if (opcode != 0x0) {
            compressed = (header[0] & 0x40) != 0;
        }
        messageBytes = opcode == 0x0 ? messageBytes + length : length;
        if (length < 0 || messageBytes > (compressed ? compressedLimit : limit) || messageBytes < 0) {
            return Verdict.TOO_BIG;
        }
        return Verdict.PASS;
    }

    private long payloadLength() {
        int length7 = header[1] & 0x7F;
        if (length7 < 126) {
            return length7;
        }
        int bytes = length7 == 126 ? 2 : 8;
        long length = 0;
        for (int i = 0; i < bytes; i++) {
            length = (length << 8) | (header[2 + i] & 0xFF);
        }
        return length; // negative when the top bit is set: not a valid length, refused as too big
    }
}
