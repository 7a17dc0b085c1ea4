package dev.wsprobe.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The raw RFC 6455 reader on bytes a peer could send (jqwik): a frame or an IOException, an HTTP head or an
 * IOException, never anything else; and what the writer encodes, the reader reads back. Tries per property:
 * {@code jqwik.tries.default} (pom; {@code -Djqwik.tries.default=100000} for a long run).
 */
class WireProperties {
    private static final long MAX_PAYLOAD = 64 * 1024;

    @Property
    void anyBytesReadAsAFrameOrAnIOException(@ForAll @Size(max = 400) byte[] bytes) {
        try {
            Frame frame = Frames.read(new ByteArrayInputStream(bytes), MAX_PAYLOAD);
            assertTrue(frame.payload().length <= MAX_PAYLOAD);
            assertTrue(frame.opcode() >= 0 && frame.opcode() <= 15);
            frame.closeCode(); // defined for any payload
            assertNotNull(frame.closeReason());
            assertNotNull(frame.text());
        } catch (IOException expected) {
            // the documented failure: too short, or a length over the limit
        }
    }

    @Property
    void whatIsEncodedIsReadBack(@ForAll boolean fin, @ForAll @IntRange(max = 15) int opcode,
            @ForAll boolean masked, @ForAll @Size(max = 70_000) byte[] payload) throws IOException {
        byte[] encoded = Frames.encode(fin, 0, opcode, masked ? Frames.newMask() : null, payload);
        Frame frame = Frames.read(new ByteArrayInputStream(encoded), 128 * 1024);
        assertEquals(fin, frame.fin());
        assertEquals(opcode, frame.opcode());
        assertArrayEquals(payload, frame.payload());
    }

    @Property
    void anyBytesParseAsAnHttpHead(@ForAll @Size(max = 600) byte[] bytes) {
        HttpHead head = HttpHead.parse(bytes);
        assertNotNull(head.startLine());
        head.status(); // any number, or -1: it does not throw
        assertNotNull(head.headersInOneLine());
        head.header("Upgrade");
        HttpHead.isComplete(bytes);
        HttpHead.isTlsRecord(bytes);
    }

    @Property
    void anyTextReadsAsAHeadOrAnIOException(@ForAll @Size(max = 300) String text,
            @ForAll boolean terminated) {
        byte[] bytes = (text + (terminated ? "\r\n\r\n" : "")).getBytes(StandardCharsets.UTF_8);
        try {
            HttpHead head = HttpHead.read(new ByteArrayInputStream(bytes));
            assertNotNull(head.startLine());
        } catch (IOException expected) {
            // the documented failure: the stream ended (or grew too long) before the end of the head
        }
    }

    @Property(tries = 20)
    void aHeadThatNeverEndsStopsAtTheBound(@ForAll @IntRange(min = 1, max = 255) int fill) {
        byte[] endless = new byte[HttpHead.MAX_BYTES * 2];
        java.util.Arrays.fill(endless, (byte) (fill == '\r' || fill == '\n' ? 'x' : fill));
        try {
            byte[] raw = HttpHead.readRaw(new ByteArrayInputStream(endless));
            assertTrue(raw.length <= HttpHead.MAX_BYTES + 4, "read " + raw.length + " bytes of a head");
        } catch (IOException expected) {
            // the documented failure
        }
    }
}
