package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.ClientTls;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.diagnosis.DiagnosisCode;
import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.standalone.SenderFleet.Member;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.JarProcess;
import dev.wsprobe.testing.JarServer;
import dev.wsprobe.testing.Nginx;
import dev.wsprobe.testing.NginxTemplate;
import dev.wsprobe.testing.TestPki;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Scale-out behind a real load balancer: Debian's nginx on loopback, configured with the compose file's own
 * template ({@code docker/nginx}), in front of three receivers run as {@code java -jar wsprobe.jar server}
 * configured by environment variables as in their containers. nginx terminates TLS with a certificate from
 * the test's CA and speaks plain ws to the receivers.
 *
 * <p>50 senders connect through nginx, over ws and wss; one of them is the jar's {@code send} with the compose
 * sender's options (wss, trusting only the CA). The senders must spread over the receivers (each receiver's
 * {@code /status} counts the senders whose messages it received). Then the
 * receiver holding the jar's sender gets SIGTERM, as {@code docker stop} sends it: its senders must go
 * {@code waiting} on its 1001, reconnect through nginx to the two others and go on sending, while the total
 * received keeps growing. The ticks they skipped while not connected are counted, and logged to the test's
 * report ({@code target/failsafe-reports/dev.wsprobe.standalone.ScaleOutIT-output.txt}).
 */
class ScaleOutIT {
    private static final int SENDERS = 50;
    private static final Duration INTERVAL = Duration.ofMillis(200);
    /**
     * What the test measured goes to its report (failsafe-reports/...ScaleOutIT-output.txt), not System.out.
     * java.util.logging directly: on failsafe's class path a System.Logger would go to jboss-modules' logger
     * (see the pom), which writes nowhere.
     */
    private static final Logger REPORT = Logger.getLogger(ScaleOutIT.class.getName());
    private static final Pattern SUMMARY_SKIPPED = Pattern.compile("summary: .* (\\d+) skipped \\(not ready\\)");

    @Test
    void connectionsSpreadOverTheReceiversAndMoveToTheOthersWhenOneStops() throws Exception {
        Nginx.require();
        Path work = emptyDirectory(Path.of("target", "scale-out"));
        TestPki pki = new TestPki();
        TestPki.PemFiles proxyCertificate = TestPki.writePem(pki.serverIdentity("127.0.0.1", "localhost"),
                work.resolve("certs"), "proxy");
        Path ca = Files.writeString(work.resolve("certs").resolve("ca.pem"), pki.caPem());

        List<JarServer> receivers = new ArrayList<>();
        try {
            for (int i = 1; i <= 3; i++) {
                receivers.add(JarServer.launch("receiver-" + i, Map.of()));
            }
            for (JarServer receiver : receivers) {
                receiver.awaitReady();
            }
            try (Proxy proxy = startProxy(work, proxyCertificate, receivers)) {
                URI wss = URI.create("wss://127.0.0.1:" + proxy.tlsPort() + "/receive");
                URI ws = URI.create("ws://127.0.0.1:" + proxy.plainPort() + "/receive");
                scaleOut(receivers, ws, wss, ca, pki);
            }
        } finally {
            for (JarServer receiver : receivers) {
                receiver.close();
            }
        }
    }

    private void scaleOut(List<JarServer> receivers, URI ws, URI wss, Path ca, TestPki pki) throws Exception {
        // The compose file's sender: the jar's send over wss to nginx, trusting only the CA. Faster ticks than
        // its 1 s default so that its reconnect (at least 0.25 s: the first retry waits 0.5 s, jitter halves it)
        // must skip one.
        try (JarProcess composeSender = JarProcess.start("send", "--name", "compose-sender",
                "--interval", INTERVAL.toMillis() + "ms", "--delay", INTERVAL.toMillis() + "ms",
                "--cacert", ca.toString(), wss.toString())) {
            composeSender.awaitLine(line -> line.contains("state did change, new: ready"),
                    "the jar's sender ready through nginx (wss)");
            Await.until(() -> sendersOn(receivers) == 1, "the jar's sender's messages on one receiver");
            // the receiver to stop: the one holding the jar's sender, so that the compose sender's move is seen
            JarServer victim = receivers.stream().filter(receiver -> sendersOn(List.of(receiver)) == 1)
                    .findFirst().orElseThrow();
            List<JarServer> survivors = receivers.stream().filter(receiver -> receiver != victim).toList();

            // the other 49, alternately over ws and wss, with the jar's default retry policy
            List<URI> targets = new ArrayList<>();
            for (int i = 1; i < SENDERS; i++) {
                targets.add(i % 2 == 0 ? wss : ws);
            }
            SenderOptions settings = SenderOptions.defaults(ws).withTiming(INTERVAL, INTERVAL);
            try (SenderFleet fleet = SenderFleet.start(targets, settings,
                    ClientTls.verifying(pki.trustingClientContext()))) {
                fleet.awaitAllReady("through nginx");
                assertSpread(receivers);

                int victimSenders = (int) sendersOn(List.of(victim));
                // Counted from here: on a busy machine a sender may also skip a tick just before its first ready,
                // or need a second attempt to connect at all.
                SenderFleet.Mark beforeTheStop = fleet.mark();
                long jarSkippedBefore = composeSender.stdout().lines()
                        .filter(line -> line.contains("did skip send")).count();
                long stoppedAt = System.nanoTime();
                victim.process.terminate(); // SIGTERM, as docker stop sends it
                victim.process.awaitLine(line -> line.contains("listener state did change, new: cancelled"),
                        victim + " stopped");
                assertEquals(143, victim.process.exitCode(), "exit code of " + victim + " after SIGTERM");

                // its senders: waiting on its close, then ready again through nginx, on the survivors
                // Counted by what made them wait, not by how many wait: on a busy machine a sender elsewhere may
                // also go waiting (an unanswered heartbeat), and an exact count of all would never be reached.
                try {
                    Await.until(() -> sawTheStop(fleet, beforeTheStop).size() >= victimSenders - 1,
                            (victimSenders - 1) + " fleet senders waiting after " + victim + " stopped (the "
                                    + "jar's sender was the other of its " + victimSenders + " senders)");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; the fleet:\n" + fleet.describe(), e);
                }
                List<Member> moved = sawTheStop(fleet, beforeTheStop);
                assertEquals(victimSenders - 1, moved.size(), "senders that saw " + victim + " stop; the fleet:\n"
                        + fleet.describe());
                List<Member> otherwise = fleet.wentWaitingSince(beforeTheStop).stream()
                        .filter(member -> !moved.contains(member)).toList();
                if (!otherwise.isEmpty()) {
                    REPORT.info("went waiting for another reason meanwhile: " + otherwise.stream()
                            .map(member -> member.name() + " " + member.waitingSince(beforeTheStop).get(0)).toList());
                }
                int sawGoingAway = assertMovedSendersSawTheClose(moved, beforeTheStop, victim);
                composeSender.awaitLine(line -> line.contains("new: waiting("), "the jar's sender waiting");
                fleet.awaitAllReady("again after " + victim + " stopped");
                long movedAfterMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
                try {
                    Await.until(() -> sendersOn(survivors) == SENDERS,
                            "all " + SENDERS + " senders' messages on the survivors " + survivors);
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + ": " + shares(survivors), e);
                }
                String survivorShares = shares(survivors);
                // connections whose handshake the sender gave up (timed out) but the receiver completed
                long withoutSender = survivors.stream().mapToLong(receiver -> receiver.receiver().openConnections())
                        .sum() - SENDERS;
                // more than one waiting: a reconnect failed again (e.g. it reached the stopping receiver)
                long failedAgain = moved.stream().filter(member -> member.waitingSince(beforeTheStop).size() > 1)
                        .count();

                // and they go on: the moved senders send again, the survivors' total keeps growing
                for (Member member : moved) {
                    Await.until(() -> sentSinceReady(member), member.name() + " sending again");
                }
                long atSwitch = receivedBy(survivors);
                Await.until(() -> receivedBy(survivors) >= atSwitch + 2L * SENDERS,
                        "the survivors to receive " + 2 * SENDERS + " more messages");

                long fleetSkipped = skippedDuringTheSwitch(fleet, beforeTheStop);
                long jarSkipped = skippedByTheJarsSender(composeSender) - jarSkippedBefore;
                assertTrue(jarSkipped >= 1, "the jar's sender counted " + jarSkipped + " skipped sends");

                long lateClosed = receivers.stream().flatMap(receiver -> receiver.process.stdout().lines())
                        .filter(line -> line.contains("connection attempt given up")).count();
                REPORT.info("stopped " + victim + " with " + victimSenders + " senders; in-process senders that "
                        + "saw its 1001: " + sawGoingAway + " (all of them, ws and wss), plus the jar's sender; "
                        + "all ready again on the survivors after "
                        + movedAfterMillis + " ms (" + survivorShares + "); senders whose first reconnect failed too: "
                        + failedAgain + "; connections open on the survivors without a sender: " + withoutSender
                        + "; late handshakes closed by their sender: " + lateClosed);
                REPORT.info("skipped during the switch: " + (fleetSkipped + jarSkipped) + " messages ("
                        + fleetSkipped + " by the in-process senders, " + jarSkipped + " by the jar's sender) at one "
                        + "tick per " + INTERVAL.toMillis() + " ms");
            }
        }
    }

    /** Every connection is on a receiver, each receiver has a fair share, and messages reach every one. */
    private static void assertSpread(List<JarServer> receivers) throws InterruptedException {
        try {
            Await.until(() -> sendersOn(receivers) == SENDERS, "messages from all " + SENDERS + " senders");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + shares(receivers), e);
        }
        String shares = shares(receivers);
        for (JarServer receiver : receivers) {
            assertTrue(sendersOn(List.of(receiver)) >= SENDERS / (2 * receivers.size()),
                    "every receiver takes a share of the senders: " + shares);
            assertTrue(receiver.receiver().openConnections() >= sendersOn(List.of(receiver)), shares);
        }
        long before = receivedBy(receivers);
        Await.until(() -> receivedBy(receivers) >= before + SENDERS, "messages arriving at the receivers");
        REPORT.info("senders per receiver: " + shares);
    }

    /**
     * The senders whose first {@code waiting} since the mark came from the stopped receiver: its 1001, or a
     * connection dropped without a close frame (which {@link #assertMovedSendersSawTheClose} then refuses); not an
     * unanswered heartbeat.
     */
    private static List<Member> sawTheStop(SenderFleet fleet, SenderFleet.Mark mark) {
        return fleet.wentWaitingSince(mark).stream().filter(member -> {
            ConnectionState waiting = member.waitingSince(mark).get(0);
            return waiting.diagnosis().code() == DiagnosisCode.SERVER_CLOSED_TRANSIENT
                    || (waiting.diagnosis().code() == DiagnosisCode.CONNECTION_DROPPED
                            && !waiting.diagnosis().cause().startsWith("no pong within"));
        }).toList();
    }

    /**
     * Every moved sender saw the receiver's 1001, over ws and over wss. Over wss nginx ends the TLS session right
     * after forwarding the close frame; when the frame and the close_notify arrived in one read, Grizzly dropped
     * the frame and the sender saw 1006 (2 of 16 in a run here) until the client's engines let it through
     * (DataBeforeCloseNotifyEngine, docs/interop.md).
     */
    private static int assertMovedSendersSawTheClose(List<Member> moved, SenderFleet.Mark mark, JarServer victim) {
        for (Member member : moved) {
            ConnectionState waiting = member.waitingSince(mark).get(0);
            assertEquals(DiagnosisCode.SERVER_CLOSED_TRANSIENT, waiting.diagnosis().code(),
                    member.name() + (member.secure() ? " (wss)" : " (ws)") + " missed the 1001: " + waiting);
            assertTrue(waiting.diagnosis().cause().contains("1001"), member.name() + ": " + waiting);
        }
        assertTrue(moved.stream().anyMatch(member -> !member.secure()),
                "some senders on " + victim + " connected over plain ws (they alternate ws and wss)");
        assertTrue(moved.stream().anyMatch(Member::secure),
                "some senders on " + victim + " connected over wss (they alternate ws and wss)");
        return moved.size();
    }

    /**
     * The ticks the fleet skipped since the mark: at least one for each sender that had to reconnect (its
     * outage outlasts a tick), none for the others.
     */
    private static long skippedDuringTheSwitch(SenderFleet fleet, SenderFleet.Mark mark) {
        long total = 0;
        for (Member member : fleet.members()) {
            long skipped = member.skippedSince(mark);
            if (!member.waitingSince(mark).isEmpty()) {
                assertTrue(skipped >= 1, member.name() + " skipped " + skipped + " while reconnecting");
                total += skipped;
            } else {
                assertEquals(0, skipped, member.name() + " never left ready, yet skipped sends");
            }
        }
        return total;
    }

    /** Stops the jar's sender (SIGTERM) and reads the skipped count from its summary line. */
    private static long skippedByTheJarsSender(JarProcess sender) throws InterruptedException {
        sender.terminate();
        String summary = sender.awaitLine(line -> line.contains("summary:"), "the jar's summary");
        Matcher skipped = SUMMARY_SKIPPED.matcher(summary);
        assertTrue(skipped.find(), summary);
        return Long.parseLong(skipped.group(1));
    }

    /** nginx and the loopback ports it listens on. */
    private record Proxy(Nginx nginx, int plainPort, int tlsPort) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            nginx.close();
        }
    }

    /**
     * nginx with the compose file's template, rendered for loopback. Its ports are picked free, but on a shared
     * machine another process may take one before nginx binds it: then nginx gives up, and new ports are tried.
     */
    private static Proxy startProxy(Path work, TestPki.PemFiles certificate, List<JarServer> receivers)
            throws Exception {
        AssertionError lastFailure = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int plainPort = freeLoopbackPort();
            int tlsPort = freeLoopbackPort();
            String site = NginxTemplate.render(Map.of(
                    "WSPROBE_PROXY_LISTEN", "127.0.0.1:" + plainPort,
                    "WSPROBE_PROXY_TLS_LISTEN", "127.0.0.1:" + tlsPort,
                    "WSPROBE_PROXY_CERTIFICATE", certificate.certificateChain().toAbsolutePath().toString(),
                    "WSPROBE_PROXY_KEY", certificate.privateKey().toAbsolutePath().toString(),
                    "WSPROBE_RECEIVER_1", "127.0.0.1:" + receivers.get(0).port(),
                    "WSPROBE_RECEIVER_2", "127.0.0.1:" + receivers.get(1).port(),
                    "WSPROBE_RECEIVER_3", "127.0.0.1:" + receivers.get(2).port()));
            try {
                return new Proxy(Nginx.start(work.resolve("nginx-" + attempt), site, List.of(plainPort, tlsPort)),
                        plainPort, tlsPort);
            } catch (AssertionError e) {
                if (!String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    /** A send that went out after the sender's latest {@code ready}. */
    private static boolean sentSinceReady(Member member) {
        long readyAt = member.listener().readyAtNanos;
        return member.kind() == Kind.READY && member.listener().sends.stream()
                .anyMatch(send -> send.error() == null && send.atNanos() > readyAt);
    }

    /**
     * Senders whose numbered messages reached these receivers (each receiver counts the sender ids it saw).
     * Counted by messages, not by open connections: on a loaded machine a handshake can time out at the
     * sender while the receiver completes it, and that connection stays open there without a sender.
     */
    private static long sendersOn(List<JarServer> receivers) {
        return receivers.stream().mapToLong(receiver -> receiver.status().sequences().senders()).sum();
    }

    private static long receivedBy(List<JarServer> receivers) {
        return receivers.stream().mapToLong(receiver -> receiver.receiver().messagesReceived()).sum();
    }

    private static String shares(List<JarServer> receivers) {
        return receivers.stream().map(receiver -> receiver.name + ": " + sendersOn(List.of(receiver)) + " senders ("
                + receiver.receiver().openConnections() + " open)").collect(Collectors.joining(", "));
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static Path emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> old = Files.walk(dir)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
