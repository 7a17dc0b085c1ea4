package dev.wsprobe.testing;

import java.io.IOException;
import dev.wsprobe.tls.TlsIdentity;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python's {@code websockets} library from Debian ({@code python3-websockets}), run by {@code /usr/bin/python3}
 * (the {@code python3} on PATH may be another build that cannot see Debian's packages): a client stack nobody on
 * this project wrote, which offers permessage-deflate by default, as browsers do.
 */
public final class PythonWebsockets {
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    public static final String INSTALL = "apt-get install -y python3-websockets";

    /** What the client saw: the negotiated subprotocol, the extensions' names, and the echoes, one per line. */
    public record Conversation(String subprotocol, String extensions, List<String> echoes) {
    }

    private PythonWebsockets() {
    }

    public static boolean installed() {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        try {
            Process probe = new ProcessBuilder(PYTHON.toString(), "-c", "import websockets").redirectErrorStream(true)
                    .start();
            return probe.waitFor(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Skips (or, in CI, fails) the calling test when the package is missing. */
    public static void require() {
        ThirdPartyPeer.require(installed(), "Python websockets (" + PYTHON + " with python3-websockets)", INSTALL);
    }

    /**
     * Connects to {@code target} offering {@code subprotocols} (and permessage-deflate, the library's default),
     * sends each message and reads one answer for each.
     */
    public static Conversation echo(URI target, List<String> subprotocols, List<String> messages) throws Exception {
        return echo(target, null, subprotocols, messages);
    }

    /**
     * {@link #echo(URI, List, List)} trusting {@code authority} for a wss:// {@code target} (the library's default
     * TLS context, host names checked, with that CA as its only trust anchor); null for ws://.
     */
    public static Conversation echo(URI target, X509Certificate authority, List<String> subprotocols,
            List<String> messages) throws Exception {
        List<String> lines = converse(target, authority, json(subprotocols), messages,
                "    async with websockets.connect(url, subprotocols=given or None, open_timeout=10, **tls) as ws:",
                "        print(ws.subprotocol or '')",
                "        print(','.join(e.name for e in ws.extensions))");
        return new Conversation(lines.get(0), lines.get(1), lines.subList(2, lines.size()));
    }

    /**
     * What the client agreed on for permessage-deflate: the server's {@code Sec-WebSocket-Extensions} answer
     * ("" for none), the library's reading of it ({@code local_no_context_takeover=True ...}, "" for no deflate),
     * and the echoes.
     */
    public record Deflate(String answer, String agreed, List<String> echoes) {
    }

    /**
     * Connects to {@code target} offering permessage-deflate as {@code offers} say, in order (each a JSON object
     * of the library's {@code ClientPerMessageDeflateFactory} arguments, e.g. {@code {"server_max_window_bits":
     * 10}}; {@code {}} is its default offer, {@code permessage-deflate; client_max_window_bits}), then sends
     * each message and reads one answer for each. The library checks the answer against RFC 7692 and fails the
     * connection on one it must not accept.
     */
    public static Deflate deflate(URI target, List<String> offers, List<String> messages) throws Exception {
        List<String> lines = converse(target, null, "[" + String.join(",", offers) + "]", messages,
                "    from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory as F",
                "    factories = [F(**offer) for offer in given]",
                "    async with websockets.connect(url, extensions=factories, open_timeout=10) as ws:",
                "        print(ws.response_headers.get('Sec-WebSocket-Extensions', ''))",
                "        print(' '.join(f'{k}={v}' for e in ws.extensions for k, v in sorted(vars(e).items())",
                "                       if k.startswith(('local_', 'remote_'))))");
        return new Deflate(lines.get(0), lines.get(1), lines.subList(2, lines.size()));
    }

    /**
     * Runs a client: {@code connect} (Python lines that may use {@code url}, {@code given} (the JSON
     * {@code argument} read back) and {@code tls} (the TLS arguments of {@code connect}), open {@code ws} and print
     * what it saw), then each message sent and its answer printed.
     */
    private static List<String> converse(URI target, X509Certificate authority, String argument,
            List<String> messages, String... connect) throws Exception {
        Path ca = authority == null ? null : Files.createTempFile("wsprobe-python-ca", ".pem");
        try {
            if (ca != null) {
                Files.writeString(ca, TlsIdentity.toPem(authority), StandardCharsets.US_ASCII);
            }
            return run(script(connect), target.toString(), argument, json(messages), ca == null ? "" : ca.toString());
        } finally {
            if (ca != null) {
                Files.delete(ca);
            }
        }
    }

    /** The client's Python: its arguments read, {@code connect}, then each message sent and its answer printed. */
    private static String script(String... connect) {
        List<String> script = new java.util.ArrayList<>(List.of(
                "import asyncio, sys, json, ssl",
                "import websockets",
                "async def main():",
                "    url, given, messages = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])",
                "    tls = {'ssl': ssl.create_default_context(cafile=sys.argv[4])} if sys.argv[4] else {}"));
        script.addAll(List.of(connect));
        script.addAll(List.of(
                "        for m in messages:",
                "            await ws.send(m)",
                "            print(await asyncio.wait_for(ws.recv(), 10))",
                "asyncio.run(main())"));
        return String.join("\n", script);
    }

    /** Runs {@code script} with {@code arguments}; its output lines (at least two), or the test fails. */
    private static List<String> run(String script, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(List.of(arguments));
        // output into files: a pipe nobody reads while waiting would stop the client at 64 KiB of echoes
        Path out = Files.createTempFile("wsprobe-python", ".out");
        Path err = Files.createTempFile("wsprobe-python", ".err");
        Process python = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!python.waitFor(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("the Python client did not finish within " + Await.PATIENCE.toSeconds() + " s");
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            if (python.exitValue() != 0 || lines.size() < 2) {
                String error = Files.readAllLines(err, StandardCharsets.UTF_8).stream().reduce((first, last) -> last)
                        .orElse("");
                throw new AssertionError("the Python client failed (exit " + python.exitValue() + "): " + lines
                        + " " + error);
            }
            return lines;
        } finally {
            python.destroyForcibly();
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String json(List<String> texts) {
        StringBuilder json = new StringBuilder("[");
        for (String text : texts) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(text.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return json.append(']').toString();
    }
}
