package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The frame guard on bytes made here, cut at every place a read could cut them: no socket. */
class FrameGuardTest {
    private static final int LIMIT = 1000;
    private static final byte[] MASK = {1, 2, 3, 4};

    private static byte[] frame(boolean fin, int opcode, int payloadBytes, boolean masked) {
        return Frames.encode(fin, 0, opcode, masked ? MASK : null, new byte[payloadBytes]);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    /** Feeds {@code bytes} in reads of {@code chunk} bytes; returns the verdict after the last. */
    private static FrameGuard.Verdict feed(FrameGuard guard, byte[] bytes, int chunk) {
        FrameGuard.Verdict verdict = FrameGuard.Verdict.PASS;
        for (int from = 0; from < bytes.length; from += chunk) {
            Buffer read = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER,
                    Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk)));
            int position = read.position();
            verdict = guard.inspect(read);
            assertEquals(position, read.position(), "the guard only looks: Tyrus reads the same bytes");
        }
        return verdict;
    }

    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {1, 2, 3, 7, 14, 1500, 100_000})
    void maskedMessagesUpToTheLimitPassWhateverTheReads(int chunk) {
        byte[] traffic = concat(frame(true, Frame.TEXT, 0, true), frame(true, Frame.TEXT, 125, true),
                frame(true, Frame.BINARY, 126, true), frame(true, Frame.TEXT, LIMIT, true),
                frame(false, Frame.TEXT, 400, true), frame(true, Frame.PING, 125, true),
                frame(true, Frame.CONTINUATION, 600, true), frame(true, Frame.CLOSE, 2, true));
        assertEquals(FrameGuard.Verdict.PASS, feed(new FrameGuard(LIMIT), traffic, chunk));
    }

    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {1, 5, 1500})
    void anUnmaskedFrameIsRefused(int chunk) {
        byte[] traffic = concat(frame(true, Frame.TEXT, 10, true), frame(true, Frame.TEXT, 10, false));
        assertEquals(FrameGuard.Verdict.UNMASKED, feed(new FrameGuard(LIMIT), traffic, chunk));
    }

    @Test
    void aFrameAnnouncingMoreThanTheLimitIsRefusedFromItsHeaderAlone() {
        byte[] header = Arrays.copyOf(frame(true, Frame.TEXT, 4_000_000, true), 14);
        FrameGuard guard = new FrameGuard(LIMIT);
        assertEquals(FrameGuard.Verdict.TOO_BIG, feed(guard, header, 14));
        assertEquals(4_000_000, guard.messageBytes());
    }

    @Test
    void fragmentsAreAddedUpAndTheOneThatCrossesTheLimitIsRefused() {
        FrameGuard guard = new FrameGuard(LIMIT);
        assertEquals(FrameGuard.Verdict.PASS, feed(guard, concat(frame(false, Frame.BINARY, 600, true),
                frame(true, Frame.PONG, 10, true)), 64), "control frames between fragments do not count");
        assertEquals(FrameGuard.Verdict.TOO_BIG, feed(guard, frame(false, Frame.CONTINUATION, 401, true), 64));
        assertEquals(1001, guard.messageBytes());
    }

    @Test
    void aNewMessageStartsItsOwnCount() {
        FrameGuard guard = new FrameGuard(LIMIT);
        byte[] traffic = concat(frame(false, Frame.TEXT, 900, true), frame(true, Frame.CONTINUATION, 100, true),
                frame(true, Frame.TEXT, 900, true));
        assertEquals(FrameGuard.Verdict.PASS, feed(guard, traffic, 300));
    }

    @Test
    void aLengthWithItsTopBitSetIsRefused() {
        byte[] header = {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4};
        assertEquals(FrameGuard.Verdict.TOO_BIG, feed(new FrameGuard(LIMIT), header, 3));
    }

    @Test
    void onceRefusedAlwaysRefused() {
        FrameGuard guard = new FrameGuard(LIMIT);
        feed(guard, frame(true, Frame.TEXT, 1, false), 100);
        assertEquals(FrameGuard.Verdict.UNMASKED, feed(guard, frame(true, Frame.TEXT, 1, true), 100));
    }

    @Test
    void afterARefusalItTellsWhenTheClientsCloseFrameBegins() {
        FrameGuard guard = new FrameGuard(LIMIT);
        byte[] tooBig = frame(true, Frame.BINARY, 5000, true);
        assertEquals(FrameGuard.Verdict.TOO_BIG, feed(guard, Arrays.copyOf(tooBig, 100), 100));
        assertEquals(false, guard.clientClosed(), "still sending its payload");
        feed(guard, concat(Arrays.copyOfRange(tooBig, 100, tooBig.length), frame(true, Frame.PING, 3, true)), 700);
        assertEquals(false, guard.clientClosed());
        feed(guard, frame(true, Frame.CLOSE, 2, true), 1);
        assertEquals(true, guard.clientClosed(), "the client answered the close");
    }

    /** A frame with RSV1 set: permessage-deflate's mark of a compressed message, on its first frame. */
    private static byte[] compressed(boolean fin, int opcode, int payloadBytes) {
        return Frames.encode(fin, 4, opcode, MASK, new byte[payloadBytes]);
    }

    @ParameterizedTest(name = "reads of {0} bytes")
    @ValueSource(ints = {1, 3, 14, 1500})
    void compressedMessagesMayAnnounceDeflatesOverheadAboveTheLimit(int chunk) {
        long compressedLimit = FrameGuard.compressedLimit(LIMIT);
        assertEquals(LIMIT + LIMIT / 8 + 64, compressedLimit);
        byte[] traffic = concat(compressed(true, Frame.TEXT, (int) compressedLimit),
                compressed(false, Frame.BINARY, 600), frame(true, Frame.PING, 5, true),
                frame(true, Frame.CONTINUATION, (int) compressedLimit - 600, true),
                frame(true, Frame.CLOSE, 2, true));
        FrameGuard guard = new FrameGuard(LIMIT);
        assertEquals(FrameGuard.Verdict.PASS, feed(guard, traffic, chunk),
                "RSV1 changes neither the header's length nor the opcode; continuations count as compressed");
        assertEquals(true, guard.clientClosed(), "and a close frame is still seen as one");
    }

    @Test
    void aCompressedMessageOverItsLimitIsRefusedAndSaysSo() {
        FrameGuard guard = new FrameGuard(LIMIT);
        long compressedLimit = FrameGuard.compressedLimit(LIMIT);
        assertEquals(FrameGuard.Verdict.TOO_BIG, feed(guard, concat(compressed(false, Frame.TEXT, 1000),
                frame(true, Frame.CONTINUATION, (int) compressedLimit - 999, true)), 64));
        assertEquals("message too big: " + (compressedLimit + 1) + " bytes compressed, limit " + compressedLimit
                + " compressed", guard.tooBigReason());
    }

    @Test
    void aPlainMessageAfterACompressedOneHasThePlainLimitAgain() {
        FrameGuard guard = new FrameGuard(LIMIT);
        assertEquals(FrameGuard.Verdict.PASS, feed(guard, compressed(true, Frame.TEXT, LIMIT + 50), 100));
        assertEquals(FrameGuard.Verdict.TOO_BIG, feed(guard, frame(true, Frame.TEXT, LIMIT + 1, true), 100));
        assertEquals("message too big: 1001 bytes, limit 1000", guard.tooBigReason());
    }
}
