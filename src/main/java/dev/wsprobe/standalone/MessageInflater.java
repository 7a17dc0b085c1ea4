package dev.wsprobe.standalone;

import java.util.zip.Inflater;
import org.glassfish.tyrus.core.frame.Frame;

/**
 * The inflating half of one connection's permessage-deflate (RFC 7692 7.2.2): a message whose first frame has
 * RSV1 set is inflated frame by frame, and the message size limit applies to what it inflates to. A message
 * that would inflate past the limit is stopped there, before the rest is inflated (a decompression bomb costs
 * the server at most the limit), and data that is not deflate is refused: in both cases this returns a close
 * frame in place of the data, which Tyrus handles as a close from the client, answering it with the same code
 * (1009 or 1007) and reason, and closing the connection. Nothing is inflated after that.
 *
 * <p>With context takeover (the client's, as agreed) the connection keeps one inflater from its first compressed
 * message on; without, it holds one from the pool only while a message is being inflated. Frames that break the
 * extension's rules (RSV1 on a continuation or a control frame) are passed on unchanged for Tyrus to refuse
 * (1002). Tyrus hands a connection's frames over one at a time and in order.
 */
final class MessageInflater {
    private static final byte CONTINUATION = 0x0;
    private static final byte CLOSE = 0x8;
    static final int TOO_BIG = 1009;
    static final int INVALID_DATA = 1007;

    private final ZlibPool pool;
    private final boolean keepContext;
    private final long limit;
    private Inflater kept;
    /** The inflater of the compressed message in progress, null between messages. */
    private Inflater current;
    private long messageBytes;
    private boolean ended;

    /** @param limit the largest message accepted, in inflated bytes */
    MessageInflater(ZlibPool pool, boolean keepContext, long limit) {
        this.pool = pool;
        this.keepContext = keepContext;
        this.limit = limit;
    }

    synchronized Frame process(Frame frame) {
        if (frame.isControlFrame()) {
            if (frame.getOpcode() == CLOSE && !frame.isRsv1()) {
                end(); // no data follows the client's close
            }
            return frame;
        }
        if (ended) {
            return Frame.builder(frame).payloadData(new byte[0]).rsv1(false).build(); // the connection is closing
        }
        if (frame.getOpcode() != CONTINUATION) {
            messageDone(); // a message left unfinished is Tyrus' to refuse; it is not inflated on
            if (!frame.isRsv1()) {
                return frame; // not compressed: a sender may send any message as it is
            }
            current = keepContext ? kept() : pool.inflater();
            messageBytes = 0;
        } else if (frame.isRsv1() || current == null) {
            return frame; // RSV1 on a continuation is refused by Tyrus; a plain message's fragments stay plain
        }
        BoundedInflate.Result inflated = BoundedInflate.inflate(current, frame.getPayloadData(), frame.isFin(),
                limit - messageBytes);
        if (inflated.tooBig()) {
            end();
            return close(TOO_BIG, "message too big: inflates to more than " + limit + " bytes, the limit");
        }
        if (inflated.corrupt() != null) {
            end();
            return close(INVALID_DATA, "invalid compressed data: " + inflated.corrupt());
        }
        messageBytes += inflated.length();
        if (frame.isFin()) {
            messageDone();
        }
        return Frame.builder(frame).payloadData(inflated.bytes()).payloadLength(inflated.length()).rsv1(false)
                .build();
    }

    /** Gives back what this connection holds; later data frames are emptied, not inflated. */
    synchronized void end() {
        ended = true;
        messageDone();
        if (kept != null) {
            pool.release(kept);
            kept = null;
        }
    }

    private void messageDone() {
        if (current == null) {
            return;
        }
        if (current != kept) {
            pool.release(current);
        } else if (current.finished()) {
            // the sender ended its stream with a final block (RFC 7692 allows one): the next message starts anew
            current.reset();
        }
        current = null;
    }

    private Inflater kept() {
        if (kept == null) {
            kept = pool.inflater();
        }
        return kept;
    }

    private static Frame close(int code, String reason) {
        return Frame.builder().fin(true).opcode(CLOSE)
                .payloadData(dev.wsprobe.wire.Frame.closePayload(code, reason)).build();
    }
}
