package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsprobe.wire.Frames;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;

/**
 * The frame guard on byte streams no one would write by hand (jqwik): anything at all, and streams of frames
 * with random flags, opcodes, masks and lengths (sometimes lying about their length). However a read cuts the
 * stream, the guard says what it says when it sees the stream whole, and it never throws. Tries per property:
 * {@code jqwik.tries.default} (pom; {@code -Djqwik.tries.default=100000} for a long run).
 */
class FrameGuardProperties {
    private static final int LIMIT = 1000;

    /** What the guard knows after a stream: its verdict, the message size it counted, whether a close began. */
    private record Seen(FrameGuard.Verdict verdict, long messageBytes, boolean clientClosed) {
    }

    private static Seen feed(byte[] stream, List<Integer> cuts) {
        FrameGuard guard = new FrameGuard(LIMIT);
        int from = 0;
        int cut = 0;
        while (from < stream.length) {
            int size = cuts.isEmpty() ? stream.length : Math.max(1, cuts.get(cut++ % cuts.size()));
            int to = Math.min(stream.length, from + size);
            Buffer read = Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, Arrays.copyOfRange(stream, from, to));
            int position = read.position();
            guard.inspect(read);
            assertEquals(position, read.position(), "the guard looks without moving the buffer");
            from = to;
        }
        return new Seen(stream.length == 0 ? FrameGuard.Verdict.PASS : guard.inspect(
                Buffers.wrap(MemoryManager.DEFAULT_MEMORY_MANAGER, new byte[0])), guard.messageBytes(),
                guard.clientClosed());
    }

    @Property
    void anyBytesCutAnywhereGetTheVerdictOfTheWholeStream(@ForAll @Size(max = 600) byte[] stream,
            @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 40) Integer> cuts) {
        assertEquals(feed(stream, List.of()), feed(stream, cuts));
    }

    @Property
    void framesCutAnywhereGetTheVerdictOfTheWholeStream(@ForAll("frameStreams") byte[] stream,
            @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 40) Integer> cuts) {
        assertEquals(feed(stream, List.of()), feed(stream, cuts));
    }

    @Property
    void maskedDataUnderTheLimitPasses(@ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 124)
            Integer> sizes, @ForAll @Size(max = 20) List<@IntRange(min = 1, max = 40) Integer> cuts) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int size : sizes) { // each a whole binary message, each under the limit
            stream.writeBytes(Frames.encode(true, 0, 0x2, new byte[] {9, 8, 7, 6}, new byte[size]));
        }
        assertEquals(FrameGuard.Verdict.PASS, feed(stream.toByteArray(), cuts).verdict());
    }

    /** Frames as a client might send them, or nearly: any opcode, masked or not, lengths in all three forms. */
    @Provide
    Arbitrary<byte[]> frameStreams() {
        Arbitrary<byte[]> frame = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 15),
                Arbitraries.frequency(net.jqwik.api.Tuple.of(9, true), net.jqwik.api.Tuple.of(1, false)),
                Arbitraries.oneOf(Arbitraries.integers().between(0, 125), Arbitraries.integers().between(126, 1500)),
                Arbitraries.integers().between(-3, 3))
                .as((fin, opcode, masked, length, lie) -> {
                    byte[] encoded = Frames.encode(fin, 0, opcode, masked ? new byte[] {1, 2, 3, 4} : null,
                            new byte[length]);
                    // a frame that says more or less than it carries: the next header starts in its payload
                    int cut = Math.max(2, Math.min(encoded.length, encoded.length + lie));
                    return Arrays.copyOf(encoded, cut);
                });
        return frame.list().ofMaxSize(8).map(frames -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            frames.forEach(all::writeBytes);
            return all.toByteArray();
        });
    }
}
