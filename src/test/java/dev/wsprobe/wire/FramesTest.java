package dev.wsprobe.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Frame encoding and reading against RFC 6455's own examples (section 5.7) and its three length forms. */
class FramesTest {
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void anUnmaskedTextFrameIsTheRfcExample() {
        assertArrayEquals(new byte[] {(byte) 0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f},
                Frames.encode(true, 0, Frame.TEXT, null, HELLO));
    }

    @Test
    void aMaskedTextFrameIsTheRfcExample() throws IOException {
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        byte[] expected = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        assertArrayEquals(expected, Frames.encode(true, 0, Frame.TEXT, mask, HELLO));
        Frame read = Frames.read(new ByteArrayInputStream(expected), 125);
        assertEquals("Hello", read.text());
        assertTrue(read.fin());
        assertEquals(Frame.TEXT, read.opcode());
    }

    @Test
    void aFragmentKeepsItsFinBitAndReservedBitsGoWhereAsked() throws IOException {
        byte[] fragment = Frames.encode(false, 0b100, Frame.CONTINUATION, null, HELLO);
        assertEquals(0x40, fragment[0] & 0xFF);
        Frame read = Frames.read(new ByteArrayInputStream(fragment), 125);
        assertFalse(read.fin());
        assertEquals(Frame.CONTINUATION, read.opcode());
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 125, 126, 0xFFFF, 0x10000, 70_000})
    void everyLengthFormRoundTripsMaskedAndUnmasked(int length) throws IOException {
        byte[] payload = new byte[length];
        Arrays.fill(payload, (byte) 'x');
        for (boolean masked : new boolean[] {true, false}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Frames.write(out, Frame.of(Frame.BINARY, payload), masked);
            byte[] bytes = out.toByteArray();
            int header = length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10;
            assertEquals(header + (masked ? 4 : 0) + length, bytes.length);
            assertEquals(masked, (bytes[1] & 0x80) != 0);
            assertArrayEquals(payload, Frames.read(new ByteArrayInputStream(bytes), length).payload());
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedBeforeItsPayloadIsRead() {
        byte[] header = {(byte) 0x82, 127, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF};
        IOException refused = assertThrows(IOException.class,
                () -> Frames.read(new ByteArrayInputStream(header), 1024));
        assertTrue(refused.getMessage().contains("over the limit of 1024"), refused.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"1000, ''", "1001, going away", "4001, ünïcode"})
    void closePayloadsCarryCodeAndReason(int code, String reason) {
        Frame close = Frame.of(Frame.CLOSE, Frame.closePayload(code, reason));
        assertEquals(code, close.closeCode());
        assertEquals(reason, close.closeReason());
    }

    @Test
    void anEmptyCloseHasNoCode() {
        assertEquals(-1, Frame.of(Frame.CLOSE, new byte[0]).closeCode());
        assertEquals("", Frame.of(Frame.CLOSE, new byte[0]).closeReason());
    }
}
