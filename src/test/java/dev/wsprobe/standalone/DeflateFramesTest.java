package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.testing.ClientDeflate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.glassfish.tyrus.core.frame.Frame;
import org.junit.jupiter.api.Test;

/**
 * One connection's permessage-deflate frame by frame, against a client side written here with the JDK's zlib as
 * RFC 7692 7.2 describes it: no server, no socket (the server-level tests are in {@link CompressionTest}).
 */
class DeflateFramesTest {
    private static final byte TEXT = 0x1, BINARY = 0x2, CONTINUATION = 0x0, CLOSE = 0x8, PING = 0x9;
    private static final int LIMIT = 10_000;
    private static final byte[] TAIL = {0, 0, (byte) 0xFF, (byte) 0xFF};

    private final ZlibPool pool = new ZlibPool();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Frame frame(boolean fin, byte opcode, boolean rsv1, byte[] payload) {
        return Frame.builder().fin(fin).opcode(opcode).rsv1(rsv1).payloadData(payload).build();
    }

    private static byte[] clientCompress(Deflater deflater, byte[] part, boolean last) {
        return ClientDeflate.compress(deflater, part, last);
    }

    private static byte[] clientInflate(Inflater inflater, byte[] payload) throws DataFormatException {
        return ClientDeflate.inflate(inflater, payload);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }

    @Test
    void sentMessagesAreCompressedWithRsv1OnTheFirstFrameOnlyAndTheTailOnNonFinalFramesOnly() throws Exception {
        MessageDeflater deflater = new MessageDeflater(pool, false);
        byte[] whole = utf8("Hello Cruel World ".repeat(50));
        Frame single = deflater.process(frame(true, TEXT, false, whole));
        assertTrue(single.isRsv1());
        assertTrue(single.getPayloadLength() < whole.length / 5, "compressed: " + single.getPayloadLength());
        assertFalse(Arrays.equals(TAIL, Arrays.copyOfRange(single.getPayloadData(), (int) single.getPayloadLength() - 4,
                (int) single.getPayloadLength())), "the last frame's 00 00 FF FF is removed");
        assertArrayEquals(whole, clientInflate(new Inflater(true), single.getPayloadData()));

        Frame first = deflater.process(frame(false, BINARY, false, Arrays.copyOfRange(whole, 0, 400)));
        Frame middle = deflater.process(frame(false, CONTINUATION, false, Arrays.copyOfRange(whole, 400, 700)));
        Frame last = deflater.process(frame(true, CONTINUATION, false, Arrays.copyOfRange(whole, 700, whole.length)));
        assertTrue(first.isRsv1());
        assertFalse(middle.isRsv1(), "RSV1 on a continuation frame is a protocol error (RFC 7692 6.1)");
        assertFalse(last.isRsv1());
        byte[] firstBytes = first.getPayloadData();
        assertArrayEquals(TAIL, Arrays.copyOfRange(firstBytes, firstBytes.length - 4, firstBytes.length),
                "a non-final fragment keeps its flush marker: it is part of the message's stream");
        assertArrayEquals(whole, clientInflate(new Inflater(true),
                concat(firstBytes, middle.getPayloadData(), last.getPayloadData())),
                "fragments compressed each on their own join into one valid stream");

        Frame ping = frame(true, PING, false, utf8("ping"));
        assertEquals(ping, deflater.process(ping), "control frames are never compressed");
    }

    @Test
    void withoutContextTakeoverNothingIsHeldBetweenMessagesAndEachMessageStandsAlone() throws Exception {
        MessageDeflater deflater = new MessageDeflater(pool, false);
        byte[] message = utf8("{\"type\":\"update\",\"id\":12345,\"text\":\"Hello Cruel World\"}");
        Frame one = deflater.process(frame(true, TEXT, false, message));
        assertEquals(1, pool.spareDeflaters(), "the deflater went back to the pool after the message");
        Frame two = deflater.process(frame(true, TEXT, false, message));
        assertEquals(1, pool.spareDeflaters(), "and was taken again for the next one: one for both");
        assertArrayEquals(one.getPayloadData(), two.getPayloadData(), "the same message compresses the same");
        assertArrayEquals(message, clientInflate(new Inflater(true), two.getPayloadData()),
                "a fresh inflater reads the second message: it refers to nothing before it");
    }

    @Test
    void withContextTakeoverTheConnectionKeepsItsDeflaterAndLaterMessagesReferToEarlierOnes() throws Exception {
        MessageDeflater deflater = new MessageDeflater(pool, true);
        byte[] message = utf8("{\"type\":\"update\",\"id\":12345,\"text\":\"Hello Cruel World\"}");
        Frame one = deflater.process(frame(true, TEXT, false, message));
        Frame two = deflater.process(frame(true, TEXT, false, message));
        assertEquals(0, pool.spareDeflaters(), "held by the connection");
        assertTrue(two.getPayloadLength() < one.getPayloadLength() / 2, "the repeat is a back-reference: "
                + one.getPayloadLength() + " then " + two.getPayloadLength() + " bytes");
        Inflater client = new Inflater(true);
        assertArrayEquals(message, clientInflate(client, one.getPayloadData()));
        assertArrayEquals(message, clientInflate(client, two.getPayloadData()));
        deflater.process(frame(true, CLOSE, false, new byte[] {0x03, (byte) 0xE8}));
        assertEquals(1, pool.spareDeflaters(), "the close frame gives it back");
    }

    @Test
    void receivedCompressedMessagesAreInflatedWholeOrInFragments() {
        MessageInflater inflater = new MessageInflater(pool, false, LIMIT);
        byte[] whole = utf8("Hello Cruel World ".repeat(100));
        Frame single = inflater.process(frame(true, TEXT, true, clientCompress(new Deflater(6, true), whole, true)));
        assertFalse(single.isRsv1());
        assertArrayEquals(whole, single.getPayloadData());
        assertEquals(1, pool.spareInflaters(), "without the client's context takeover, nothing is held after it");

        Deflater client = new Deflater(6, true);
        Frame first = inflater.process(frame(false, TEXT, true, clientCompress(client, Arrays.copyOf(whole, 1000), false)));
        assertEquals(0, pool.spareInflaters(), "held while the message is in progress");
        Frame last = inflater.process(frame(true, CONTINUATION, false,
                clientCompress(client, Arrays.copyOfRange(whole, 1000, whole.length), true)));
        assertArrayEquals(whole, concat(first.getPayloadData(), last.getPayloadData()));
        assertEquals(1, pool.spareInflaters());
    }

    @Test
    void theClientsContextTakeoverIsFollowedOnlyWhenAgreed() {
        byte[] message = utf8("{\"type\":\"update\",\"id\":12345,\"text\":\"Hello Cruel World\"}");
        Deflater client = new Deflater(6, true);
        byte[] one = clientCompress(client, message, true);
        byte[] two = clientCompress(client, message, true); // refers to the first message

        MessageInflater keeping = new MessageInflater(pool, true, LIMIT);
        assertArrayEquals(message, keeping.process(frame(true, TEXT, true, one)).getPayloadData());
        assertArrayEquals(message, keeping.process(frame(true, TEXT, true, two)).getPayloadData());

        MessageInflater fresh = new MessageInflater(new ZlibPool(), false, LIMIT);
        assertArrayEquals(message, fresh.process(frame(true, TEXT, true, one)).getPayloadData());
        Frame refused = fresh.process(frame(true, TEXT, true, two));
        assertEquals(CLOSE, refused.getOpcode(), "a client that takes over its context after agreeing not to "
                + "sends data a fresh inflater cannot read");
        assertEquals(1007, closeCode(refused));
    }

    @Test
    void uncompressedMessagesAndRuleBreakingFramesPassUnchanged() {
        MessageInflater inflater = new MessageInflater(pool, true, LIMIT);
        Frame plain = frame(false, TEXT, false, utf8("plain "));
        Frame plainRest = frame(true, CONTINUATION, false, utf8("text"));
        assertEquals(plain, inflater.process(plain), "a sender may leave any message uncompressed");
        assertEquals(plainRest, inflater.process(plainRest), "and its continuation frames are not inflated");

        Frame rsv1Continuation = frame(true, CONTINUATION, true, utf8("x"));
        assertTrue(inflater.process(rsv1Continuation).isRsv1(), "left with RSV1 set, for Tyrus to refuse (1002)");
        Frame rsv1Ping = frame(true, PING, true, utf8("x"));
        assertTrue(inflater.process(rsv1Ping).isRsv1());
    }

    @Test
    void aMessageOfExactlyTheLimitPassesAndOneByteMoreIsRefusedWith1009() {
        byte[] atLimit = new byte[LIMIT];
        Arrays.fill(atLimit, (byte) 'a');
        MessageInflater inflater = new MessageInflater(pool, false, LIMIT);
        assertEquals(LIMIT, inflater.process(frame(true, BINARY, true,
                clientCompress(new Deflater(6, true), atLimit, true))).getPayloadLength());
        Frame refused = inflater.process(frame(true, BINARY, true,
                clientCompress(new Deflater(6, true), Arrays.copyOf(atLimit, LIMIT + 1), true)));
        assertEquals(CLOSE, refused.getOpcode());
        assertEquals(1009, closeCode(refused));
        assertEquals("message too big: inflates to more than 10000 bytes, the limit", closeReason(refused));
        Frame after = inflater.process(frame(true, TEXT, true, clientCompress(new Deflater(6, true), utf8("hi"), true)));
        assertEquals(0, after.getPayloadLength(), "nothing is inflated after the refusal");
    }

    @Test
    void aDecompressionBombIsStoppedAtTheLimit() {
        // 2.2 GB of zeros in about 2 MB: more than a Java array holds, so it cannot have been inflated whole
        byte[] bomb = ClientDeflate.bomb(2_100);
        MessageInflater inflater = new MessageInflater(pool, false, LIMIT);
        Frame refused = inflater.process(frame(true, BINARY, true, bomb));
        assertEquals(1009, closeCode(refused), "stopped, not inflated: " + bomb.length + " compressed bytes");

        MessageInflater fragments = new MessageInflater(pool, false, LIMIT);
        byte[] part = new byte[LIMIT / 2];
        Deflater client = new Deflater(6, true);
        assertEquals(LIMIT / 2, fragments.process(frame(false, BINARY, true, clientCompress(client, part, false)))
                .getPayloadLength());
        assertEquals(LIMIT / 2, fragments.process(frame(false, CONTINUATION, false, clientCompress(client, part, false)))
                .getPayloadLength());
        assertEquals(1009, closeCode(fragments.process(frame(true, CONTINUATION, false,
                clientCompress(client, new byte[1], true)))), "the fragments of one message count together");
    }

    @Test
    void dataThatIsNotDeflateIsRefusedWith1007() {
        MessageInflater inflater = new MessageInflater(pool, false, LIMIT);
        Frame refused = inflater.process(frame(true, TEXT, true, new byte[] {(byte) 0xFF, (byte) 0xFF, 0x12, 0x34}));
        assertEquals(CLOSE, refused.getOpcode());
        assertEquals(1007, closeCode(refused));
        assertTrue(closeReason(refused).startsWith("invalid compressed data: "), closeReason(refused));
    }

    @Test
    void theClientsCloseGivesTheInflaterBack() {
        MessageInflater inflater = new MessageInflater(pool, true, LIMIT);
        inflater.process(frame(true, TEXT, true, clientCompress(new Deflater(6, true), utf8("hello"), true)));
        assertEquals(0, pool.spareInflaters(), "kept between messages with context takeover");
        inflater.process(frame(true, CLOSE, false, new byte[] {0x03, (byte) 0xE8}));
        assertEquals(1, pool.spareInflaters());
    }

    private static int closeCode(Frame close) {
        byte[] payload = close.getPayloadData();
        return (payload[0] & 0xFF) << 8 | payload[1] & 0xFF;
    }

    private static String closeReason(Frame close) {
        byte[] payload = close.getPayloadData();
        return new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
    }
}
