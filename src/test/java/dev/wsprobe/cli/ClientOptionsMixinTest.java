package dev.wsprobe.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.client.ClientOptions;
import dev.wsprobe.client.Header;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The shared options, parsed as picocli parses them, resolved against a given environment. */
class ClientOptionsMixinTest {
    private static final URI TARGET = URI.create("wss://api.example.com/socket");

    @TempDir
    Path dir;

    private final StringWriter warnings = new StringWriter();

    @Command
    static final class Holder {
        @Mixin
        ClientOptionsMixin client;
    }

    private ClientOptions resolve(Map<String, String> environment, String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.client.resolve(TARGET, environment, new PrintWriter(warnings, true));
    }

    @Test
    void headersOriginAndSubprotocolsInTheOrderGiven() {
        ClientOptions options = resolve(Map.of(), "-H", "X-A: 1", "--header", "X-B: two words", "--origin",
                "https://app.example.com/", "-s", "graphql-transport-ws", "--subprotocol", "graphql-ws", "--compress");
        assertEquals(List.of(new Header("X-A", "1"), new Header("X-B", "two words")), options.headers());
        assertEquals("https://app.example.com", options.origin());
        assertEquals(List.of("graphql-transport-ws", "graphql-ws"), options.subprotocols());
        assertTrue(options.compress());
        assertNull(options.proxy());
        assertEquals("", warnings.toString());
    }

    @Test
    void originNoneSendsNoOrigin() {
        ClientOptions options = resolve(Map.of(), "--origin", "none");
        assertFalse(options.sendOrigin());
        assertEquals("https://x.example", resolve(Map.of(), "-H", "Origin: https://x.example").origin());
    }

    @Test
    void tokensFromFilesAndTheEnvironmentBecomeAnAuthorizationHeaderWithoutWarnings() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "abc.def\n");
        assertEquals(new Header("Authorization", "Bearer abc.def"),
                resolve(Map.of(), "--bearer-token-file", tokenFile.toString()).headers().get(0));
        assertEquals(new Header("Authorization", "Bearer env-token"),
                resolve(Map.of("WSPROBE_BEARER_TOKEN", "env-token")).headers().get(0));
        Path basicFile = Files.writeString(dir.resolve("basic"), "aladdin:open sesame\n");
        assertEquals(new Header("Authorization", "Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
                resolve(Map.of(), "--auth-basic-file", basicFile.toString()).headers().get(0));
        assertEquals(new Header("Authorization", "Basic YWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
                resolve(Map.of("WSPROBE_BASIC_AUTH", "aladdin:open sesame")).headers().get(0));
        assertEquals("", warnings.toString());
    }

    @Test
    void aSecretOnTheCommandLineIsAcceptedWithOneWarningThatNeverShowsIt() {
        ClientOptions options = resolve(Map.of(), "-H", "Authorization: Bearer cmdline-secret");
        assertEquals("Bearer cmdline-secret", options.headers().get(0).value());
        String said = warnings.toString();
        assertEquals(1, said.lines().count(), said);
        assertTrue(said.contains("process list"), said);
        assertFalse(said.contains("cmdline-secret"), said);
        resolve(Map.of(), "--bearer-token", "other-secret");
        assertFalse(warnings.toString().contains("other-secret"));
    }

    @Test
    void oneSourceOfCredentialsAtATime() throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "abc\n");
        UserError error = assertThrows(UserError.class, () -> resolve(Map.of(), "-H", "Authorization: Basic eA==",
                "--bearer-token-file", tokenFile.toString()));
        assertEquals(ExitCodes.USAGE, error.exitCode());
        assertEquals(ExitCodes.SETUP, assertThrows(UserError.class,
                () -> resolve(Map.of(), "--bearer-token-file", dir.resolve("missing").toString())).exitCode());
        // the command line wins over the environment
        assertEquals(new Header("Authorization", "Bearer abc"), resolve(Map.of("WSPROBE_BEARER_TOKEN", "env"),
                "--bearer-token-file", tokenFile.toString()).headers().get(0));
    }

    @Test
    void theProxyComesFromTheFlagOrTheVariablesWithCredentialsFromAFileOrTheEnvironment() throws Exception {
        assertEquals("flag", resolve(Map.of("HTTPS_PROXY", "http://env:1"), "--proxy", "http://flag:2")
                .proxy().host());
        assertEquals("env", resolve(Map.of("HTTPS_PROXY", "http://env:1")).proxy().host());
        assertNull(resolve(Map.of("HTTPS_PROXY", "http://env:1"), "--no-proxy").proxy());
        assertNull(resolve(Map.of("HTTPS_PROXY", "http://env:1", "no_proxy", ".example.com")).proxy());
        Path credentials = Files.writeString(dir.resolve("proxy"), "me:pw\n");
        ClientOptions withFile = resolve(Map.of(), "--proxy", "http://p:3128", "--proxy-auth-file",
                credentials.toString());
        assertEquals("me", withFile.proxy().user());
        assertEquals("pw", withFile.proxy().password());
        assertEquals("me", resolve(Map.of("WSPROBE_PROXY_AUTH", "me:pw"), "--proxy", "http://p:3128").proxy().user());
        assertEquals("", warnings.toString());
        resolve(Map.of(), "--proxy", "http://me:pw-on-cmdline@p:3128");
        assertTrue(warnings.toString().contains("process list"));
        assertFalse(warnings.toString().contains("pw-on-cmdline"));
        assertEquals(ExitCodes.USAGE, assertThrows(UserError.class,
                () -> resolve(Map.of(), "--proxy", "http://p:1", "--no-proxy")).exitCode());
        assertEquals(ExitCodes.USAGE, assertThrows(UserError.class,
                () -> resolve(Map.of("HTTPS_PROXY", "socks5://p:1"))).exitCode());
    }
}
