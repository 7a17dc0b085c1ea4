package dev.wsprobe.standalone;

import dev.wsprobe.sender.ConnectionState;
import dev.wsprobe.sender.ConnectionState.Kind;
import dev.wsprobe.sender.PeriodicSender;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.WebSocketUrl;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.RecordingSenderListener;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Many periodic senders in the test's JVM, each set up as {@code wsprobe send} sets up one (see
 * {@link StandaloneSender}): its own Tyrus client and its own two scheduler threads, so one sender's
 * reconnect never delays another's ticks. Starting 50 JVMs would cost the test a minute of CPU; these cost
 * threads. Each records its states and sends for the test; {@link #close()} cancels them all (1000).
 */
final class SenderFleet implements AutoCloseable {
    /** One sender and what it reported. */
    record Member(String name, PeriodicSender sender, RecordingSenderListener listener) {
        boolean secure() {
            return WebSocketUrl.isSecure(sender.status().target());
        }

        ConnectionState.Kind kind() {
            return sender.state().kind();
        }

        boolean wentWaiting() {
            return listener.kinds().contains(Kind.WAITING);
        }

        /** The first {@code waiting} state it reported, or null. */
        ConnectionState firstWaiting() {
            return listener.states.stream().filter(state -> state.kind() == Kind.WAITING).findFirst().orElse(null);
        }
    }

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
            TyrusClientConnector connector = new TyrusClientConnector(WebSocketUrl.isSecure(target) ? tls : null,
                    target, options.handshakeTimeout());
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, task -> {
                Thread thread = new Thread(task, "wsprobe-" + name);
                thread.setDaemon(true);
                return thread;
            });
            RecordingSenderListener listener = new RecordingSenderListener();
            PeriodicSender sender = new PeriodicSender(options, connector, scheduler, listener, Clock.systemUTC());
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

    int size() {
        return members.size();
    }

    /** Waits until every sender is {@code ready} now. */
    void awaitAllReady(String when) throws InterruptedException {
        Await.until(() -> members.stream().allMatch(member -> member.kind() == Kind.READY),
                "all " + members.size() + " senders ready " + when + "; not ready: " + notReady());
    }

    /** Each sender's state history, for failure messages. */
    String describe() {
        return members.stream().map(member -> member.name() + " " + member.listener().states)
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    private List<String> notReady() {
        return members.stream().filter(member -> member.kind() != Kind.READY)
                .map(member -> member.name() + " " + member.sender().state()).toList();
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
