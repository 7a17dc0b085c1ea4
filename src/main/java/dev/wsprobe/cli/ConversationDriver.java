package dev.wsprobe.cli;

import dev.wsprobe.client.Conversation;
import dev.wsprobe.client.ConversationPrinter;
import dev.wsprobe.client.SlashCommand;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How {@code connect} drives an open conversation from standard input, in its two modes, and how the
 * conversation's end becomes the exit code: pipe mode (messages from stdin or {@code -x}, then a wait for the
 * replies and a normal close) and terminal mode (lines and slash commands until {@code /quit}, {@code /close},
 * end of input, or the server's close).
 */
final class ConversationDriver {
    /** Once every message sent has had a reply, this much silence ends the wait early. */
    private static final Duration QUIET = Duration.ofMillis(250);

    private final Conversation conversation;
    private final ConversationPrinter printer;
    private volatile String closeReason = "";

    ConversationDriver(Conversation conversation, ConversationPrinter printer) {
        this.conversation = conversation;
        this.printer = printer;
    }

    /** Pipe mode: send, wait for replies, close with 1000. */
    int pipe(List<String> execute, boolean stdinBinary, Duration wait) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        CompletableFuture<Void> input = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                if (!execute.isEmpty()) {
                    for (String message : execute) {
                        conversation.sendText(message);
                        printer.sent(message);
                        sent.incrementAndGet();
                    }
                } else if (stdinBinary) {
                    byte[] bytes = System.in.readAllBytes();
                    if (bytes.length > 0) {
                        conversation.sendBinary(bytes);
                        printer.sent(bytes);
                        sent.incrementAndGet();
                    }
                } else {
                    BufferedReader lines = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    for (String line = lines.readLine(); line != null && conversation.isOpen();
                            line = lines.readLine()) {
                        conversation.sendText(line);
                        printer.sent(line);
                        sent.incrementAndGet();
                    }
                }
                input.complete(null);
            } catch (IOException | RuntimeException e) {
                if (conversation.isOpen()) {
                    printer.problem("could not send: " + e.getMessage());
                }
                input.complete(null);
            }
        }, "wsprobe-connect-input");
        reader.setDaemon(true);
        reader.start();
        CompletableFuture.anyOf(input, conversation.closed()).join();
        if (!conversation.closed().isDone()) {
            awaitReplies(sent.get(), wait);
        }
        return finish(1000, "");
    }

    /** Until the server closes, --wait passes, or every message has had a reply and the server went quiet. */
    private void awaitReplies(long sent, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        long lastCount = conversation.receivedCount();
        long lastChange = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long step = Math.min(TimeUnit.MILLISECONDS.toNanos(50), Math.max(1, deadline - System.nanoTime()));
            try {
                conversation.closed().get(step, TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException e) {
                // still open: look again
            } catch (ExecutionException e) {
                return;
            }
            long count = conversation.receivedCount();
            if (count != lastCount) {
                lastCount = count;
                lastChange = System.nanoTime();
            } else if (sent > 0 && count >= sent && System.nanoTime() - lastChange >= QUIET.toNanos()) {
                return;
            }
        }
    }

    /** Terminal mode: lines and slash commands until /quit, /close, end of input, or the server closes. */
    int terminal() throws InterruptedException {
        CompletableFuture<int[]> closeAsked = new CompletableFuture<>();
        closeAsked.exceptionally(ignored -> null);
        Thread reader = new Thread(() -> {
            try {
                BufferedReader lines = new BufferedReader(new InputStreamReader(terminalInput(),
                        StandardCharsets.UTF_8));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (!conversation.isOpen()) {
                        break;
                    }
                    SlashCommand command;
                    try {
                        command = SlashCommand.parse(line);
                    } catch (IllegalArgumentException e) {
                        printer.problem(e.getMessage());
                        continue;
                    }
                    switch (command.kind()) {
                        case TEXT -> {
                            conversation.sendText(command.text());
                            printer.sent(command.text());
                        }
                        case BINARY -> {
                            conversation.sendBinary(command.bytes());
                            printer.sent(command.bytes());
                        }
                        case PING -> {
                            conversation.ping(command.text());
                            printer.pingSent(command.text());
                        }
                        case HELP -> printer.plain(SlashCommand.HELP);
                        case QUIT, CLOSE -> {
                            closeAsked.complete(new int[] {command.code()});
                            if (command.kind() == SlashCommand.Kind.CLOSE) {
                                closeReason = command.text();
                            }
                            return;
                        }
                    }
                }
                closeAsked.complete(new int[] {1000});
            } catch (IOException | RuntimeException e) {
                if (conversation.isOpen()) {
                    printer.problem("could not send: " + e.getMessage());
                }
                closeAsked.complete(new int[] {1000});
            }
        }, "wsprobe-connect-input");
        reader.setDaemon(true);
        reader.start();
        CompletableFuture.anyOf(closeAsked, conversation.closed()).join();
        int code = closeAsked.isDone() ? closeAsked.join()[0] : 1000;
        return finish(code, closeReason);
    }

    private static InputStream terminalInput() {
        return System.in;
    }

    /** Closes (unless the server did), waits for the close to complete, and turns the ending into an exit code. */
    private int finish(int code, String reason) throws InterruptedException {
        if (!conversation.closed().isDone()) {
            closeQuietly(conversation, code, reason);
        }
        Conversation.Ending ending;
        try {
            ending = conversation.closed().get(5, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return ExitCodes.OK; // we closed; the server never answered the close, which is its problem
        }
        return ending.normal() ? ExitCodes.OK : ConnectCommand.CLOSED_ABNORMALLY;
    }

    static void closeQuietly(Conversation conversation, int code, String reason) {
        try {
            conversation.close(code, reason);
        } catch (IOException | RuntimeException e) {
            // already closed: its close was reported
        }
    }
}
