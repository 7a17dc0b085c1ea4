package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.SequenceLimits;
import dev.wsprobe.wire.Frame;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.RawWebSocket;
import dev.wsprobe.testing.StatusDocument;
import jakarta.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's measurement, in process: short connections with their own sender names that jump their numbers
 * used to leave up to 100,000 boxed missing numbers each behind, for ever (300 of them took a receiver from
 * 66 MiB to 1.8 GiB, and {@code /status} reported 29,999,999,100 missing). The tracker now keeps ranges within
 * {@link SequenceLimits}: the heap stays small and {@code /status} sane.
 */
class HostileSequencesTest {
    private static final long MIB = 1024 * 1024;
    private static final int JUMPERS = 300;
    private static final int GAPPERS = 50;
    private static final int GAPS_EACH = 150;

    @Test
    void shortConnectionsThatJumpTheirNumbersLeaveLittleBehind() throws Exception {
        try (TestServer host = new TestServer()) {
            String run = "hostile-" + System.nanoTime() + "-";
            talk(host, run + "warm-up", 1, 2); // classes loaded and pools filled before the baseline
            JsonObject before = sequences(host);
            long heapBefore = heapAfterGc();

            // the measurement of the issue: "x #1", then "x #99999999", then close, each with its own name
            for (int i = 0; i < JUMPERS; i++) {
                talk(host, run + "jump-" + i, 1, 99_999_999);
            }
            // and the subtler kind: many gaps just within the bound, from each sender
            long step = SequenceLimits.DEFAULT_MAX_MISSING_PER_SENDER; // skips one fewer than the bound
            for (int i = 0; i < GAPPERS; i++) {
                long[] numbers = new long[GAPS_EACH];
                for (int k = 0; k < GAPS_EACH; k++) {
                    numbers[k] = 1 + k * step;
                }
                talk(host, run + "gaps-" + i, numbers);
            }

            long growth = heapAfterGc() - heapBefore;
            assertTrue(growth < 64 * MIB, "heap grew by " + growth / MIB + " MiB");

            JsonObject after = sequences(host);
            assertEquals(JUMPERS, delta(before, after, "resets"), after.toString());
            for (int i = 0; i < JUMPERS; i++) {
                assertEquals(0, host.context().sequences().missing(run + "jump-" + i), "a reset is not a gap");
                assertEquals(99_999_999, host.context().sequences().highest(run + "jump-" + i));
            }
            long bound = SequenceLimits.DEFAULT_MAX_MISSING_PER_SENDER;
            for (int i = 0; i < GAPPERS; i++) {
                long missing = host.context().sequences().missing(run + "gaps-" + i);
                assertTrue(missing > 0 && missing <= bound, missing + " missing from one sender");
                assertTrue(host.context().sequences().gaps(run + "gaps-" + i) <= SequenceLimits.DEFAULT_MAX_GAPS_PER_SENDER);
            }
            long missingAdded = delta(before, after, "missing");
            assertTrue(missingAdded <= GAPPERS * bound, "/status missing grew by " + missingAdded);
            assertTrue(delta(before, after, "forgotten") > 0, "gaps past the bound were given up: " + after);
            assertTrue(after.getInt("senders") <= SequenceLimits.DEFAULT_MAX_SENDERS, after.toString());
        }
    }

    /** One connection as sender {@code name}: sends {@code x #<n>} for each number, each acknowledged, then closes. */
    private static void talk(TestServer host, String name, long... numbers) throws Exception {
        URI receive = host.ws("/receive");
        try (RawWebSocket socket = RawWebSocket.open(receive)) {
            String request = RawWebSocket.upgradeRequest(receive).replaceFirst("/receive ",
                    "/receive?wsprobe-sender=" + name + "&wsprobe-ack=1 ");
            String head = socket.request(request);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            for (long n : numbers) {
                socket.send(RawWebSocket.TEXT, ("x #" + n).getBytes(StandardCharsets.UTF_8));
                Frame ack = socket.read(Await.PATIENCE);
                assertNotNull(ack, "no acknowledgement of #" + n);
                assertEquals("ack #" + n, ack.text());
            }
            socket.sendClose(1000, "");
            assertEquals(1000, socket.awaitClose().closeCode());
        }
    }

    private static JsonObject sequences(TestServer host) throws Exception {
        return StatusDocument.read(host.status()).json().getJsonObject("sequences");
    }

    private static long delta(JsonObject before, JsonObject after, String name) {
        return after.getJsonNumber(name).longValueExact() - before.getJsonNumber(name).longValueExact();
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
