package dev.wsprobe.standalone;

import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.StandaloneSender;
import dev.wsprobe.tyrus.TyrusClientConnector;
import dev.wsprobe.diagnosis.Diagnoser;
import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.WebSocketUrl;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.RecordingSenderListener;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Many periodic senders in the test's JVM, each set up as {@code wsprobe send} sets up one (see
 * {@link StandaloneSender}): its own Tyrus client, its own two scheduler threads (so one sender's reconnect
 * never delays another's ticks), and failures diagnosed with the trust it connects with. Starting 50 JVMs
 * would cost the test a minute of CPU; these cost threads. Each records its states and sends for the test;
 * {@link #close()} cancels them all (1000).
 */
final class SenderFleet implements AutoCloseable {
    /** One sender and what it reported. */
    record Member(String name, PeriodicSender sender, RecordingSenderListener listener) {
        boolean secure() {
            return WebSocketUrl.isSecure(sender.status().target());
        }

        Kind kind() {
            return sender.state().kind();
        }

        /** Its {@code waiting} states since the mark. */
        List<ConnectionState> waitingSince(Mark mark) {
            List<ConnectionState> states = List.copyOf(listener.states); // a snapshot: more may come meanwhile
            return states.subList(mark.states.get(this), states.size()).stream()
                    .filter(state -> state.kind() == Kind.WAITING).toList();
        }

        long skippedSince(Mark mark) {
            return listener.skipped.get() - mark.skipped.get(this);
        }
    }

    /** Where each sender's reports stood at one moment, to tell what came after it. */
    static final class Mark {
        private final Map<Member, Integer> states = new HashMap<>();
        private final Map<Member, Long> skipped = new HashMap<>();
    }

    private static final Duration READY_PATIENCE = Duration.ofSeconds(45);

    private final List<Member> members = new ArrayList<>();
    private final List<TyrusClientConnector> connectors = new ArrayList<>();
    private final List<ScheduledExecutorService> schedulers = new ArrayList<>();

    /**
     * Starts one sender per target (the same URL may appear many times).
     *
     * @param tls trust for the wss:// targets
     */
    static SenderFleet start(List<URI> targets, SenderOptions settings, ClientTls tls) {
        SenderFleet fleet = new SenderFleet();
        for (int i = 0; i < targets.size(); i++) {
            URI target = targets.get(i);
            String name = "fleet-" + (i + 1);
            SenderOptions options = new SenderOptions(target, name, settings.firstSend(), settings.interval(),
                    settings.count(), settings.template(), settings.binary(), settings.retry(),
                    settings.handshakeTimeout(), settings.acknowledged(), settings.heartbeat());
            ClientTls trust = WebSocketUrl.isSecure(target) ? tls : null;
            TyrusClientConnector connector = new TyrusClientConnector(trust, target, options.handshakeTimeout());
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
                Thread thread = new Thread(task, "wsprobe-" + name);
                thread.setDaemon(true);
                return thread;
            });
            // as StandaloneSender: a failure is diagnosed with the trust the connection used, else a transient
            // failure over wss would be misread as an untrusted certificate (a permanent one)
            Diagnoser diagnoser = trust == null ? new Diagnoser(null, true, options.handshakeTimeout())
                    : new Diagnoser(trust.context(), trust.verifyHostName(), options.handshakeTimeout());
            RecordingSenderListener listener = new RecordingSenderListener();
            PeriodicSender sender = new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC(),
                    diagnoser);
            fleet.connectors.add(connector);
            fleet.schedulers.add(scheduler);
            fleet.members.add(new Member(name, sender, listener));
            sender.start();
        }
        return fleet;
    }

    List<Member> members() {
        return List.copyOf(members);
    }

    /** Marks where every sender's reports stand now. */
    Mark mark() {
        Mark mark = new Mark();
        for (Member member : members) {
            mark.states.put(member, member.listener().states.size());
            mark.skipped.put(member, member.listener().skipped.get());
        }
        return mark;
    }

    /** The senders that went {@code waiting} since the mark: those that lost their connection. */
    List<Member> wentWaitingSince(Mark mark) {
        return members.stream().filter(member -> !member.waitingSince(mark).isEmpty()).toList();
    }

    /**
     * Waits until every sender is {@code ready} now. With more patience than a single event gets: on a busy
     * machine a few of many handshakes time out, and their retries back off (0.5 s, 1 s, 2 s, ...).
     */
    void awaitAllReady(String when) throws InterruptedException {
        try {
            Await.until(READY_PATIENCE, () -> members.stream().allMatch(member -> member.kind() == Kind.READY),
                    "all " + members.size() + " senders ready " + when);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; not ready: " + members.stream()
                    .filter(member -> member.kind() != Kind.READY)
                    .map(member -> member.name() + " " + member.listener().states).toList(), e);
        }
    }

    /** Each sender's state history, for failure messages. */
    String describe() {
        return members.stream().map(member -> member.name() + " " + member.listener().states)
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() throws InterruptedException {
        members.forEach(member -> member.sender().cancel());
        try {
            for (Member member : members) {
                // the close handshake (1000) completes before the clients are shut down
                Await.until(() -> member.sender().state().isTerminal(), member.name() + " cancelled");
            }
        } finally {
            connectors.forEach(TyrusClientConnector::close);
            for (ScheduledExecutorService scheduler : schedulers) {
                scheduler.shutdownNow();
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
