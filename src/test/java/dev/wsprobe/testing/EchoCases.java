package dev.wsprobe.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * The interoperability cases every client/server pair runs, written once against {@link EchoClient}. Each
 * records its case in {@link InteropResults} only after its assertions held.
 */
public final class EchoCases {
    private EchoCases() {
    }

    /** Text and binary of 0, 125, 126, 65535 and 65536 bytes come back byte-exact. */
    public static void boundarySizes(EchoClient client, InteropPair pair, boolean secure) throws Exception {
        for (int size : InteropCase.BOUNDARY_SIZES) {
            String text = asciiText(size);
            client.sendText(text);
            String echoedText = client.nextText();
            assertEquals(size, echoedText.getBytes(StandardCharsets.UTF_8).length, "echoed text size");
            assertEquals(text, echoedText, "echoed text of " + size + " bytes");

            byte[] binary = randomBytes(size);
            client.sendBinary(binary);
            assertArrayEquals(binary, client.nextBinary(), "echoed binary of " + size + " bytes");
            InteropResults.passed(pair, InteropCase.ofSize(size), secure);
        }
    }

    /** A text and a binary message each sent as three frames come back as one whole message each. */
    public static void fragments(EchoClient client, InteropPair pair, boolean secure) throws Exception {
        client.sendTextFragments(List.of("frag-1 ", "frag-2 \u2603 ", "frag-3 \uD83C\uDF89"));
        assertEquals("frag-1 frag-2 \u2603 frag-3 \uD83C\uDF89", client.nextText());

        byte[] whole = randomBytes(3000);
        client.sendBinaryFragments(List.of(slice(whole, 0, 1000), slice(whole, 1000, 2999), slice(whole, 2999, 3000)));
        assertArrayEquals(whole, client.nextBinary());
        InteropResults.passed(pair, InteropCase.FRAGMENTED, secure);
    }

    /** A ping's payload comes back in the pong. */
    public static void ping(EchoClient client, InteropPair pair, boolean secure) throws Exception {
        byte[] payload = "are you there? \uD83C\uDFD3 ".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(payload, client.ping(payload), "the pong carries the ping's payload");
        InteropResults.passed(pair, InteropCase.PING, secure);
    }

    /** How many messages {@link #compressible} sends (and gets back). */
    public static final int COMPRESSIBLE_MESSAGES = 3;

    /**
     * A repetitive text, a short text of multi-byte characters and a binary message (half repetitive, half
     * random) come back byte-exact: what compression must not change.
     */
    public static void compressible(EchoClient client) throws Exception {
        String repetitive = "{\"type\":\"update\",\"text\":\"Hello Cruel World\"} ".repeat(400);
        client.sendText(repetitive);
        assertEquals(repetitive, client.nextText());
        String accented = "Grüße ✓ \uD83C\uDF89";
        client.sendText(accented);
        assertEquals(accented, client.nextText());
        byte[] binary = new byte[6000];
        System.arraycopy(randomBytes(3000), 0, binary, 3000, 3000);
        client.sendBinary(binary);
        assertArrayEquals(binary, client.nextBinary());
    }

    /** Printable ASCII, so a text of n characters is n bytes, with a pattern that shows shifts and losses. */
    public static String asciiText(int bytes) {
        StringBuilder text = new StringBuilder(bytes);
        for (int i = 0; i < bytes; i++) {
            text.append((char) ('!' + i % 94));
        }
        return text.toString();
    }

    public static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new Random(count).nextBytes(bytes);
        return bytes;
    }

    private static byte[] slice(byte[] whole, int from, int to) {
        return java.util.Arrays.copyOfRange(whole, from, to);
    }
}
