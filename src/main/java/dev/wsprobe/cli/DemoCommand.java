package dev.wsprobe.cli;

import dev.wsprobe.standalone.ServerOptions;
import dev.wsprobe.standalone.StandaloneServer;
import dev.wsprobe.tyrus.ClientTls;
import dev.wsprobe.tyrus.StandaloneSender;
import dev.wsprobe.sender.SenderOptions;
import dev.wsprobe.sender.SenderResult;
import dev.wsprobe.server.EndpointStats;
import dev.wsprobe.certificates.DevelopmentCertificates;
import dev.wsprobe.tls.KeyStores;
import dev.wsprobe.tls.SslContexts;
import dev.wsprobe.tls.TlsIdentity;
import dev.wsprobe.tls.TlsSetupException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code wsprobe demo}: the whole conversation in one process, for a newcomer. A server with ws and wss
 * (self-signed certificate made now), one sender over each, a few messages, both sides in the log.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a server (ws and wss, self-signed certificate) on free loopback ports and two senders "
            + "(one ws, one wss trusting that certificate); show both sides of the conversation, then exit."})
public final class DemoCommand implements Callable<Integer> {
    private static final System.Logger LOG = System.getLogger(DemoCommand.class.getName());
    private static final String LOOPBACK = "127.0.0.1";

    @Option(names = "--count", defaultValue = "3",
            description = "Messages per sender, at least 1 (default: ${DEFAULT-VALUE}).")
    int count;

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            // 0 would mean "until stopped" to the senders, and the demo would never end
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, got " + count);
        }
        logging.install();
        TlsIdentity identity = DevelopmentCertificates.selfSigned(DevelopmentCertificates.LOCAL_NAMES);
        char[] password = "demo-only".toCharArray();
        ServerOptions options = ServerOptions.plain(LOOPBACK, 0)
                .withTls(0, SslContexts.forServer(identity.toKeyStore(password), password));
        say("starting a server with ws and wss (self-signed certificate for localhost), then two senders, "
                + count + " messages each");
        try (StandaloneServer server = ServerCommand.start(options)) {
            EndpointStats receiver = server.context().receiver();
            URI plain = URI.create("ws://localhost:" + server.port() + "/receive");
            URI secure = URI.create("wss://localhost:" + server.tlsPort().orElseThrow() + "/receive");
            SenderResult plainResult;
            SenderResult secureResult;
            try (StandaloneSender plainSender = new StandaloneSender(senderOptions(plain, "sender ws"), null);
                    StandaloneSender secureSender = new StandaloneSender(senderOptions(secure, "sender wss"),
                            trusting(identity))) {
                CompletableFuture<SenderResult> plainOutcome = plainSender.start();
                CompletableFuture<SenderResult> secureOutcome = secureSender.start();
                long patience = 30L + 2L * count;
                plainResult = plainOutcome.get(patience, TimeUnit.SECONDS);
                secureResult = secureOutcome.get(patience, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                throw new UserError(ExitCodes.FAILED, "the demo's senders did not finish in time", e);
            }
            // A Tyrus client reports its close before the server has handled everything before it: wait
            // for the receiver to see both connections end, so its counts are complete.
            receiver.awaitNoOpenSessions(Duration.ofSeconds(5));
            EndpointStats.Snapshot received = receiver.snapshot();
            long receivedMessages = received.messagesReceived();
            long receivedBytes = received.bytesReceived();
            say("sender ws: " + plainResult.sent() + " sent, " + plainResult.finalState()
                    + "; sender wss: " + secureResult.sent() + " sent, " + secureResult.finalState()
                    + "; receiver: " + receivedMessages + " messages, " + receivedBytes + " bytes");
            boolean complete = plainResult.succeeded() && secureResult.succeeded()
                    && receivedMessages == plainResult.sent() + secureResult.sent()
                    && plainResult.sent() == count && secureResult.sent() == count;
            say(complete ? "done: both senders talked to the receiver, over ws and over wss"
                    : "the conversation did not complete: see the lines above");
            return complete ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private SenderOptions senderOptions(URI target, String name) {
        return SenderOptions.defaults(target).withName(name).withCount(count);
    }

    private static ClientTls trusting(TlsIdentity identity) throws TlsSetupException {
        return ClientTls.verifying(SslContexts.trusting(KeyStores.trustStoreOf(identity.certificate())));
    }

    private static void say(String message) {
        LOG.log(System.Logger.Level.INFO, "[demo] " + message);
    }
}
