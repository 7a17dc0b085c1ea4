package dev.wsprobe.diagnosis;

import dev.wsprobe.wire.Frame;
import dev.wsprobe.wire.Frames;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The WebSocket step of a check, on an upgraded connection: one message to an echo endpoint (a ping anywhere
 * else), timed until its echo (pong) comes back, then a normal close.
 */
final class MessageExchange {
    /** Frames larger than this are not what a check's echo or pong looks like. */
    private static final long MAX_FRAME = 16 * 1024 * 1024;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageExchange() {
    }

    static void run(Socket channel, CheckTarget target, Negotiated negotiated, Duration timeout, CheckSteps steps)
            throws StepFailed {
        steps.begin();
        boolean echo = target.isEcho();
        byte[] payload = ("wsprobe check " + Long.toHexString(RANDOM.nextLong())).getBytes(StandardCharsets.UTF_8);
        int expected = echo ? Frame.TEXT : Frame.PONG;
        try {
            InputStream in = channel.getInputStream();
            Frames.write(channel.getOutputStream(), Frame.of(echo ? Frame.TEXT : Frame.PING, payload), true);
            long sent = System.nanoTime();
            while (true) {
                Frame frame = Frames.read(in, MAX_FRAME);
                if (frame.opcode() == Frame.CLOSE) {
                    throw steps.fail(ExchangeFailures.closed(frame));
                }
                if (frame.opcode() == expected && (Arrays.equals(frame.payload(), payload)
                        || negotiated.compressed() && Arrays.equals(Deflate.inflate(frame.payload()), payload))) {
                    String roundTrip = String.format(Locale.ROOT, "%.1f ms", (System.nanoTime() - sent) / 1e6);
                    sayGoodbye(channel);
                    steps.pass(DiagnosisCode.Step.WEBSOCKET, (echo ? "echo" : "ping/pong") + " round trip "
                            + roundTrip + "; closed normally (1000)");
                    return;
                }
                // anything else (a server's own ping or message) is not the answer we wait for
            }
        } catch (SocketTimeoutException e) {
            throw steps.fail(ExchangeFailures.timedOut(echo, timeout));
        } catch (IOException e) {
            throw steps.fail(ExchangeFailures.dropped(e));
        }
    }

    /** Closes with 1000 and waits briefly for the server's close; the verdict does not depend on it. */
    static void sayGoodbye(Socket channel) {
        try {
            Frames.write(channel.getOutputStream(), Frame.of(Frame.CLOSE, Frame.closePayload(1000, "")), true);
            channel.setSoTimeout(TlsSockets.millis(PeerProbes.CONFIRM_TIMEOUT));
            InputStream in = channel.getInputStream();
            while (Frames.read(in, MAX_FRAME).opcode() != Frame.CLOSE) {
                // drain until the server's close answer
            }
        } catch (IOException e) {
            // a polite goodbye is not part of the verdict
        }
    }
}
