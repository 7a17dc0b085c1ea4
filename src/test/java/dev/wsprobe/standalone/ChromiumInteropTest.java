package dev.wsprobe.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsprobe.server.ServerConfig;
import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.testing.Await;
import dev.wsprobe.testing.Chromium;
import dev.wsprobe.testing.EchoCases;
import dev.wsprobe.testing.FakePeers;
import dev.wsprobe.testing.FrameTap;
import dev.wsprobe.testing.InteropCase;
import dev.wsprobe.testing.InteropPair;
import dev.wsprobe.testing.InteropResults;
import dev.wsprobe.testing.JettyEchoServer;
import dev.wsprobe.testing.LogCapture;
import dev.wsprobe.testing.ReceivedMessages;
import dev.wsprobe.testing.TestPage;
import dev.wsprobe.testing.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The test page in a real headless Chromium, served by the standalone server over http and https (ws and wss
 * with a certificate made by the test's CA, which the browser trusts the way a user would: imported into its
 * NSS database, no flag to ignore certificate errors): what a person sees when they connect, send and close,
 * what the receiver counts, and a page from another origin being refused. Screenshots go to
 * target/screenshots/; {@code readme-test-page.png} is the README's {@code docs/test-page.png}.
 */
class ChromiumInteropTest {
    private static final InteropPair PAIR = InteropPair.CHROMIUM_TO_WSPROBE;
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The CA of servers the tests start themselves; Chromium trusts it as it trusts the class's server's. */
    private static final TestPki OWN_SERVERS_CA = new TestPki();
    @RegisterExtension
    static final WsprobeServerExtension SERVER = TestServer.extension();
    private final TestServer server = TestServer.of(SERVER);
    private static Chromium chromium;
    private static TestPage page;

    @BeforeAll
    static void start() throws Exception {
        InteropResults.startPair(PAIR); // without Chromium the pair then shows as not run, not as an earlier run
        if (!Chromium.installed()) {
            return; // each test then reports the skip (or, in CI, the failure) with what to install
        }
        chromium = new Chromium(SERVER.server().certificate(), OWN_SERVERS_CA.authorityCertificate());
        page = new TestPage(chromium.driver);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void needsChromium() {
        Chromium.require();
    }

    @AfterEach
    void defaultWindow() {
        if (chromium != null) {
            chromium.driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    /** The page as this server serves it: http(s)://localhost:port/. */
    private String pageUrl(boolean secure) {
        return server.url(secure, "/").toString().replaceFirst("^ws", "http");
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void pageEchoesTextBinaryAndAFileThenClosesWithCodeAndReason(boolean secure) throws Exception {
        page.open(pageUrl(secure));
        assertEquals(server.url(secure, "/echo").toString(), page.url(), "prefilled with this server's echo");
        page.connect();
        page.awaitState("open");
        page.awaitEntry("[data-kind=open]");

        String text = "Hello Cruel World — Grüße, ünïcödé ✓";
        page.typeMessage(text);
        page.sendText();
        String size = Integer.toString(utf8(text));
        page.awaitEntry("[data-kind=sent][data-type=text][data-size='" + size + "']");
        WebElement echoed = page.awaitEntry("[data-kind=received][data-type=text][data-size='" + size + "']");
        assertTrue(echoed.getText().contains("received text, " + size + " bytes"), echoed.getText());
        assertTrue(echoed.getText().contains(text), echoed.getText());

        page.sendBinary();
        page.awaitEntry("[data-kind=received][data-type=binary][data-size='" + size + "']");

        Path file = Files.createTempFile("wsprobe-upload-", ".bin");
        try {
            Files.write(file, EchoCases.randomBytes(3000));
            page.sendFile(file);
            WebElement fileEcho = page.awaitEntry("[data-kind=received][data-type=binary][data-size='3000']");
            assertTrue(fileEcho.getText().contains("received binary, 3000 bytes"), fileEcho.getText());
        } finally {
            Files.delete(file);
        }
        assertEquals("3", page.text("sent-count"));
        assertEquals("3", page.text("received-count"));
        InteropResults.passed(PAIR, InteropCase.PAGE_ECHO, secure);

        try (LogCapture log = new LogCapture()) {
            String reason = "bye from chromium " + (secure ? "wss" : "ws");
            page.disconnect(4000, reason);
            WebElement closed = page.awaitEntry("[data-kind=close]");
            assertEquals("4000", closed.getDomAttribute("data-code"), "the server answered with the page's code");
            assertEquals("true", closed.getDomAttribute("data-clean"));
            page.awaitState("closed");
            log.await(line -> line.contains("connection did close, code: 4000, reason: " + reason),
                    "the server's close line with the page's code and reason");
            InteropResults.passed(PAIR, InteropCase.CLIENT_CLOSE, secure);
        }
        chromium.screenshot(SCREENSHOTS.resolve(secure ? "test-page-wss.png" : "test-page.png"));
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void chromiumsWebSocketAtFrameLengthBoundaries(boolean secure) {
        page.open(pageUrl(secure));
        // Chromium's own WebSocket from the page's origin, without the page's UI (a 64 KiB message is no
        // typing job): each size as text and as binary, compared byte for byte in the browser.
        String script = """
                const [url, sizes, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
                const text = (n) => Array.from({length: n}, (_, k) => String.fromCharCode(33 + k % 94)).join('');
                const bytes = (n) => Uint8Array.from({length: n}, (_, k) => (k * 31 + 7) & 255);
                const results = [];
                const ws = new WebSocket(url);
                ws.binaryType = 'arraybuffer';
                ws.onerror = () => done({error: 'connection failed'});
                let i = 0;
                const next = () => {
                  if (i === sizes.length) { ws.close(1000, 'done'); done({results: results}); return; }
                  const n = sizes[i], t = text(n), b = bytes(n);
                  let answers = 0;
                  ws.onmessage = (e) => {
                    if (typeof e.data === 'string') {
                      results.push({size: n, type: 'text', same: e.data === t});
                    } else {
                      const r = new Uint8Array(e.data);
                      results.push({size: n, type: 'binary', same: r.length === n && r.every((v, k) => v === b[k])});
                    }
                    if (++answers === 2) { i++; next(); }
                  };
                  ws.send(t);
                  ws.send(b);
                };
                ws.onopen = next;
                """;
        List<Integer> sizes = java.util.Arrays.stream(InteropCase.BOUNDARY_SIZES).boxed().toList();
        @SuppressWarnings("unchecked")
        Map<String, Object> outcome = (Map<String, Object>) ((JavascriptExecutor) chromium.driver)
                .executeAsyncScript(script, server.url(secure, "/echo").toString(), sizes);
        assertFalse(outcome.containsKey("error"), String.valueOf(outcome));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> results = (List<Map<String, Object>>) outcome.get("results");
        assertEquals(sizes.size() * 2, results.size(), String.valueOf(results));
        for (int size : InteropCase.BOUNDARY_SIZES) {
            for (String type : List.of("text", "binary")) {
                Map<String, Object> result = results.stream()
                        .filter(r -> ((Number) r.get("size")).intValue() == size && type.equals(r.get("type")))
                        .findFirst().orElseThrow();
                assertEquals(Boolean.TRUE, result.get("same"), type + " of " + size + " bytes came back changed");
            }
            InteropResults.passed(PAIR, InteropCase.ofSize(size), secure);
        }
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void overTheLimitTheServerClosesAndThePageShowsCodeAndReason(boolean secure) {
        page.open(pageUrl(secure));
        page.connect();
        page.awaitState("open");
        page.pasteMessage(EchoCases.asciiText(65537));
        page.sendText();
        WebElement closed = page.awaitEntry("[data-kind=close]");
        assertEquals("1009", closed.getDomAttribute("data-code"));
        String reason = closed.getDomAttribute("data-reason");
        assertFalse(reason == null || reason.isBlank(), "the page shows the server's reason");
        assertTrue(closed.getText().contains("closed: code 1009 (message too big), reason: " + reason),
                closed.getText());
        InteropResults.passed(PAIR, InteropCase.SERVER_CLOSE, secure);
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void pageToReceiverWhichCountsEveryMessageIncludingPeriodicOnes(boolean secure) throws Exception {
        page.open(pageUrl(secure));
        page.chooseOwnEndpoint("receive");
        assertEquals(server.url(secure, "/receive").toString(), page.url());
        try (ReceivedMessages received = new ReceivedMessages(server.context().receiver())) {
            page.connect();
            page.awaitState("open");
            String text = "counted by the receiver ✓";
            page.typeMessage(text);
            page.sendText();
            page.sendBinary();
            ReceivedMessages.Message first = received.next();
            assertEquals(false, first.binary());
            assertEquals(utf8(text), first.sizeBytes());
            ReceivedMessages.Message second = received.next();
            assertEquals(true, second.binary());
            assertEquals(utf8(text), second.sizeBytes());

            page.startPeriodic("0.2");
            // "Hello Cruel World 2026-11-26T01:02:03.456Z": 18 + 24 bytes, like the sender's
            for (int i = 1; i <= 2; i++) {
                ReceivedMessages.Message periodic = received.next();
                assertEquals(false, periodic.binary());
                assertEquals(42, periodic.sizeBytes(), "periodic message " + i);
            }
            page.stopPeriodic();
            WebElement periodicEntry = page.awaitEntry("[data-kind=sent][data-size='42']");
            assertTrue(periodicEntry.getText().contains("Hello Cruel World 20"), periodicEntry.getText());
            page.disconnect(1000, "done");
            page.awaitState("closed");
            InteropResults.passed(PAIR, InteropCase.PAGE_RECEIVE, secure);
        }
    }

    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void pageFromAnotherOriginIsRefusedWith403UntilItIsAllowed(boolean secure) throws Exception {
        // the page from http(s)://127.0.0.1:port is another origin than ws(s)://localhost:port
        String otherOriginPage = pageUrl(secure).replace("localhost", "127.0.0.1");
        String otherOrigin = otherOriginPage.substring(0, otherOriginPage.length() - 1);
        String target = server.url(secure, "/echo").toString();
        try (LogCapture log = new LogCapture()) {
            page.open(otherOriginPage);
            chromium.driver.manage().logs().get(LogType.BROWSER); // start with an empty console
            page.setUrl(target);
            page.connect();
            page.awaitEntry("[data-kind=error]");
            WebElement closed = page.awaitEntry("[data-kind=close]");
            assertEquals("1006", closed.getDomAttribute("data-code"), "the handshake failed: no close frame");
            log.await(line -> line.contains("HTTP 403, origin " + otherOrigin + " is not allowed"),
                    "the server's refusal line");
            List<String> console = chromium.driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(LogEntry::getMessage).toList();
            assertTrue(console.stream().anyMatch(line -> line.contains("403")),
                    "Chromium's console names the 403: " + console);
            InteropResults.passed(PAIR, InteropCase.ORIGIN_REFUSED, secure);
        }

        // a server that lists the page's origin lets the same page in
        try (TestServer allowing = TestServer.issuedBy(OWN_SERVERS_CA, ServerConfig.DEFAULT
                .withAllowedOrigins(AllowedOrigins.parse(otherOrigin)))) {
            page.clearLog();
            page.setUrl(allowing.url(secure, "/echo").toString());
            page.connect();
            page.awaitState("open");
            page.disconnect(1000, "allowed now");
            page.awaitState("closed");
        }
    }

    @Test
    void pageFitsAPhoneScreen() throws Exception {
        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        page.open(pageUrl(false));
        page.connect();
        page.awaitState("open");
        page.typeMessage("Hello from a phone");
        page.sendText();
        page.awaitEntry("[data-kind=received]");
        JavascriptExecutor js = (JavascriptExecutor) chromium.driver;
        long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth;")).longValue();
        long content = ((Number) js.executeScript("return document.documentElement.scrollWidth;")).longValue();
        assertTrue(viewport <= 420, "a phone-sized viewport, got " + viewport);
        assertTrue(content <= viewport, "no sideways scrolling: content " + content + " px, viewport " + viewport);
        for (String control : List.of("url", "connect", "disconnect", "send-text", "send-binary", "log")) {
            long right = ((Number) js.executeScript(
                    "return Math.ceil(document.getElementById(arguments[0]).getBoundingClientRect().right);", control))
                    .longValue();
            assertTrue(right <= viewport, control + " ends at " + right + " px, past the " + viewport + " px screen");
        }
        chromium.screenshot(SCREENSHOTS.resolve("test-page-phone.png"));
        page.disconnect(1000, "bye");
        page.awaitState("closed");
    }

    /** The log's entries as the page shows them, oldest first: kind, data-periodic, text. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> logEntries() {
        return (List<Map<String, Object>>) ((JavascriptExecutor) chromium.driver).executeScript(
                "return Array.from(document.querySelectorAll('#log li'), (li) => ({kind: li.dataset.kind, "
                        + "periodic: li.dataset.periodic || '', text: li.textContent}));");
    }

    private static double number(String script, Object... arguments) {
        return ((Number) ((JavascriptExecutor) chromium.driver).executeScript(script, arguments)).doubleValue();
    }

    @Test
    void uncheckingThePeriodicBoxStopsPeriodicSendingAndTickingItAgainRestartsIt() {
        page.open(pageUrl(false));
        page.connect();
        page.awaitState("open");
        page.startPeriodic("0.2");
        assertTrue(page.periodicTicked(), "the box stays ticked while sending");
        page.awaitEntry("[data-kind=sent][data-periodic=true]", 2);

        page.stopPeriodic();
        assertFalse(page.periodicTicked(), "one click unticks it");
        page.awaitEntry("[data-periodic=stopped]");
        // Three intervals later, by the page's own clock (the timers that would send run on the same event
        // loop, in order), a marker message: nothing periodic may come between "stopped" and the marker.
        ((JavascriptExecutor) chromium.driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                setTimeout(() => {
                  document.getElementById('message').value = 'marker after three intervals';
                  document.getElementById('send-text').click();
                  done();
                }, 600);
                """);
        page.awaitEntry("[data-kind=received][data-type=text][data-size='28']");
        List<Map<String, Object>> entries = logEntries();
        int stopped = indexOf(entries, e -> e.get("text").toString().contains("periodic sending stopped"));
        int marker = indexOf(entries, e -> "sent".equals(e.get("kind"))
                && e.get("text").toString().contains("marker after three intervals"));
        assertTrue(stopped >= 0 && marker > stopped, "stopped, then the marker: " + entries);
        List<Map<String, Object>> between = entries.subList(stopped + 1, marker);
        assertTrue(between.stream().noneMatch(e -> "true".equals(e.get("periodic"))),
                "periodic sends after the box was unticked: " + between);
        assertTrue(entries.stream().skip(marker).noneMatch(e -> "true".equals(e.get("periodic"))),
                "periodic sends after the marker: " + entries.subList(marker, entries.size()));

        int sentBefore = page.count("[data-kind=sent][data-periodic=true]");
        page.startPeriodic("0.2");
        assertTrue(page.periodicTicked());
        page.awaitEntry("[data-kind=sent][data-periodic=true]", sentBefore + 1);
        page.stopPeriodic();
        assertFalse(page.periodicTicked());
        page.awaitEntry("[data-periodic=stopped]", 2);
        page.disconnect(1000, "done");
        page.awaitState("closed");
    }

    private static int indexOf(List<Map<String, Object>> entries, Predicate<Map<String, Object>> test) {
        for (int i = 0; i < entries.size(); i++) {
            if (test.test(entries.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * wsprobe's own server, seen from the browser: it takes the first subprotocol the page offers and, with
     * compression on, the permessage-deflate every browser offers, answered with and without context takeover;
     * the page shows what its {@code WebSocket} reports ({@code protocol}, {@code extensions}), the echoes come
     * back through both, and over ws a relay sees every message compressed both ways.
     */
    @ParameterizedTest(name = "secure={0}")
    @ValueSource(booleans = {false, true})
    void wsprobesServerTakesTheFirstOfferedSubprotocolAndDeflateWhenOn(boolean secure) throws Exception {
        Map<Compression, String> answers = new java.util.LinkedHashMap<>();
        answers.put(Compression.ON, "permessage-deflate; server_no_context_takeover");
        answers.put(Compression.ON.withClientContextTakeover(false),
                "permessage-deflate; server_no_context_takeover; client_no_context_takeover");
        answers.put(Compression.ON.withServerContextTakeover(true).withClientMaxWindowBits(10),
                "permessage-deflate; client_max_window_bits=10");
        // the page comes from the class's server: these let that origin in
        ServerConfig anyOrigin = ServerConfig.DEFAULT.withAllowedOrigins(AllowedOrigins.parse("*"));
        for (Map.Entry<Compression, String> expected : answers.entrySet()) {
            try (TestServer compressing = TestServer.compressing(OWN_SERVERS_CA, anyOrigin, expected.getKey());
                    FrameTap tap = new FrameTap(compressing.port())) {
                page.open(pageUrl(secure));
                page.setUrl((secure ? compressing.wss("/echo") : tap.echo()).toString());
                page.setProtocols("chat,v2.chat");
                page.connect();
                page.awaitState("open");
                page.awaitVisible("negotiated");
                assertEquals("chat", page.text("negotiated-protocol"));
                for (int i = 0; i < 3; i++) {
                    page.typeMessage("compressed both ways " + i);
                    page.sendText();
                }
                WebElement third = page.awaitEntry("[data-kind=received][data-type=text][data-size='22']", 3);
                assertTrue(third.getText().contains("compressed both ways 2"), "each echo inflated by the browser: "
                        + third.getText());
                InteropResults.passed(PAIR, InteropCase.SUBPROTOCOL, secure);
                assertEquals(expected.getValue(), page.text("negotiated-extensions"), "deflate agreed with Chromium");
                if (!secure) {
                    tap.assertCompressedBothWays(3);
                }
                InteropResults.passed(PAIR, InteropCase.COMPRESSION, secure);
                page.disconnect(1000, "done");
                page.awaitState("closed");
            }
        }
    }

    /**
     * The subprotocol field against Jetty 12 (a server that accepts the first subprotocol offered and negotiates
     * permessage-deflate): the page offers them in the field's order and shows what was negotiated. The page
     * comes from the wsprobe server, Jetty serves none; Jetty does not check the Origin.
     */
    @Test
    void subprotocolsAreOfferedInOrderAndTheNegotiatedProtocolAndExtensionsShown() throws Exception {
        TestPki jettyCa = new TestPki();
        try (JettyEchoServer jetty = new JettyEchoServer(
                jettyCa.serverContext(jettyCa.serverIdentity("localhost", "127.0.0.1")))) {
            page.open(pageUrl(false));
            assertFalse(page.visible("negotiated"), "nothing negotiated before a connection");
            page.setUrl(jetty.ws("/first-subprotocol").toString());
            page.setProtocols(" chat ,v2.chat,, ");
            page.connect();
            page.awaitState("open");
            assertEquals(List.of("chat", "v2.chat"), Await.next(jetty.offeredSubprotocols, "Jetty's upgrade"));
            page.awaitVisible("negotiated");
            assertEquals("chat", page.text("negotiated-protocol"));
            String extensions = page.text("negotiated-extensions");
            assertTrue(extensions.startsWith("permessage-deflate"), "Jetty accepts Chromium's deflate: " + extensions);
            WebElement open = page.awaitEntry("[data-kind=open]");
            assertEquals("chat", open.getDomAttribute("data-protocol"));
            assertTrue(open.getText().contains("subprotocol: chat, extensions: permessage-deflate"), open.getText());
            page.typeMessage("compressed both ways");
            page.sendText();
            page.awaitEntry("[data-kind=received][data-type=text][data-size='20']");
            page.disconnect(1000, "done");
            page.awaitState("closed");

            page.setProtocols("");
            page.connect();
            page.awaitState("open");
            assertEquals(List.of(), Await.next(jetty.offeredSubprotocols, "Jetty's second upgrade"));
            page.awaitText("negotiated-protocol", "none");
            page.disconnect(1000, "done");
            page.awaitState("closed");

            // not a token: the browser refuses it before any network traffic, and the page says so
            page.setProtocols("two words");
            page.connect();
            WebElement refused = page.awaitEntry("[data-kind=error]");
            assertTrue(refused.getText().contains("cannot connect"), refused.getText());
            assertEquals("closed", chromium.driver.findElement(By.id("state"))
                    .getDomAttribute("data-state"));
        }
    }

    @Test
    void closeCodeFieldAllows1000And3000To4999AndSaysWhy() {
        page.open(pageUrl(false));
        assertTrue(page.text("close-code-help").contains("browsers refuse 1001-2999"),
                page.text("close-code-help"));
        page.connect();
        page.awaitState("open");
        for (String refused : List.of("1001", "2999", "999", "5000")) {
            page.typeCloseCode(refused);
            assertFalse(page.property("close-code", "validationMessage").isEmpty(), refused + " is refused");
            assertEquals("true", page.property("close-code", "ariaInvalid"), refused);
            assertTrue(page.text("close-code-help").contains("1000, or 3000-4999"), page.text("close-code-help"));
        }
        page.typeCloseCode("1001");
        page.clickDisconnect();
        WebElement error = page.awaitEntry("[data-kind=error]");
        assertTrue(error.getText().contains("a browser cannot send 1001"), error.getText());
        assertEquals(0, page.count("[data-kind=close]"), "nothing closed");
        assertEquals("open", chromium.driver.findElement(By.id("state")).getDomAttribute("data-state"));
        for (String allowed : List.of("1000", "3000", "4999")) {
            page.typeCloseCode(allowed);
            assertEquals("", page.property("close-code", "validationMessage"), allowed + " is allowed");
            assertEquals("false", page.property("close-code", "ariaInvalid"), allowed);
        }
        page.disconnect(3000, "an application's own code");
        WebElement closed = page.awaitEntry("[data-kind=close]");
        assertEquals("3000", closed.getDomAttribute("data-code"), "the server echoed the page's 3000");
        page.awaitState("closed");
    }

    @Test
    void aFailedConnectSaysFailedAndListsTheLikelyCauses() throws Exception {
        page.open(pageUrl(false));
        page.connect();
        page.awaitState("open");
        page.disconnect(1000, "bye");
        page.awaitState("closed");
        assertEquals("closed 1000", page.stateLabel());

        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String nowhere = "ws://127.0.0.1:" + port + "/echo";
        page.setUrl(nowhere);
        page.connect();
        page.awaitState("failed");
        assertTrue(page.stateLabel().startsWith("failed after "), page.stateLabel());
        page.awaitVisible("failure");
        String failure = page.text("failure");
        assertTrue(failure.contains("Browsers do not tell a page why"), failure);
        assertEquals("wsprobe check " + nowhere, page.text("check-command"));
        assertEquals("java -jar target/wsprobe.jar check " + nowhere, page.text("check-command-jar"));
        assertTrue(failure.contains("nothing listening at 127.0.0.1:" + port), failure);
        assertEquals(0, chromium.driver.findElements(By.cssSelector("[data-cause=certificate]"))
                .size(), "no certificate for ws://");

        // the next connection that opens clears it
        page.chooseOwnEndpoint("echo");
        page.connect();
        page.awaitState("open");
        assertFalse(page.visible("failure"));
        page.disconnect(1000, "bye");
        page.awaitState("closed");
    }

    /**
     * wss:// to the plain port: the server answers the TLS hello it cannot read at once (an HTTP 400 the browser
     * cannot read either), so the page fails fast and names the scheme first among the likely causes.
     */
    @Test
    void wssToAPlainPortFailsAndNamesTheSchemeAmongTheCauses() throws Exception {
        page.open(pageUrl(false));
        String wrongScheme = "wss://localhost:" + server.port() + "/echo";
        page.setUrl(wrongScheme);
        page.connect();
        page.awaitState("failed");
        page.awaitVisible("failure");
        assertEquals("wsprobe check " + wrongScheme, page.text("check-command"));
        String scheme = chromium.driver.findElement(By.cssSelector("[data-cause=scheme]")).getText();
        assertTrue(scheme.contains("wss:// to a plain (ws://) port"), scheme);
        String certificate = chromium.driver.findElement(By.cssSelector("[data-cause=certificate]"))
                .getText();
        assertTrue(certificate.contains("open https://localhost:" + server.port() + "/ in a tab"), certificate);
        chromium.screenshot(SCREENSHOTS.resolve("test-page-failed.png"));
    }

    /**
     * A peer that accepts the connection and never answers (a hung server, or a port that speaks something
     * else and waits): the page shows a running timer and, after 3 s, why it may hang and what to try.
     */
    @Test
    void aSilentPeerShowsATimerThenSaysWhyItMayHang() throws Exception {
        try (FakePeers.Peer silent = FakePeers.silentTcp()) {
            page.open(pageUrl(false));
            page.setUrl("wss://localhost:" + silent.port() + "/echo");
            page.connect();
            page.awaitState("connecting");
            page.awaitText("elapsed", " s");
            page.awaitVisible("slow");
            double shown = number("return parseFloat(document.getElementById('elapsed').textContent);");
            assertTrue(shown >= 3.0, "the timer runs: " + shown);
            assertTrue(page.text("slow").contains("wss:// URL to a plain (ws://) port"), page.text("slow"));
            page.clickDisconnect();
            page.awaitState("closed");
            assertFalse(page.visible("slow"));
        }
    }

    @Test
    void disconnectWhileConnectingCancelsWithoutAFailure() throws Exception {
        try (FakePeers.Peer silent = FakePeers.silentTcp()) {
            page.open(pageUrl(false));
            page.setUrl("wss://localhost:" + silent.port() + "/echo");
            page.connect();
            page.awaitState("connecting");
            page.clickDisconnect();
            page.awaitState("closed");
            assertEquals("cancelled", page.stateLabel());
            assertFalse(page.visible("failure"));
            assertEquals(0, page.count("[data-kind=error]"), "a cancel is no error");
        }
    }

    @Test
    void atDesktopWidthTheButtonsSitBesideTheUrlAndAnEmptyLogSaysPressConnect() throws Exception {
        chromium.driver.manage().window().setSize(new Dimension(1280, 900));
        page.open(pageUrl(false));
        double urlTop = number("return document.getElementById('url').getBoundingClientRect().top;");
        double urlBottom = number("return document.getElementById('url').getBoundingClientRect().bottom;");
        for (String button : List.of("connect", "disconnect")) {
            double top = number("return document.getElementById(arguments[0]).getBoundingClientRect().top;", button);
            assertTrue(top < urlBottom && top >= urlTop - 8, button + " at " + top + " px, the URL at " + urlTop
                    + "-" + urlBottom + " px: on the URL's line");
        }
        assertTrue(page.visible("log-empty"));
        assertTrue(page.text("log-empty").contains("Press Connect"), page.text("log-empty"));
        String footer = chromium.driver.findElement(By.tagName("footer")).getText();
        assertTrue(footer.contains("payload bytes") && !footer.contains("on the wire"), footer);
        chromium.screenshot(SCREENSHOTS.resolve("test-page-empty.png"));

        page.connect();
        page.awaitState("open");
        page.awaitHidden("log-empty");
        page.disconnect(1000, "bye");
        page.awaitState("closed");
        page.clearLog();
        page.awaitVisible("log-empty");
    }

    @Test
    void onAPhoneTheEventsComeRightAfterTheConnectionOnTheFirstScreen() throws Exception {
        chromium.driver.manage().window().setSize(new Dimension(390, 844));
        page.open(pageUrl(false));
        double screen = number("return window.innerHeight;");
        double eventsTop = number("return document.getElementById('events').getBoundingClientRect().top;");
        double connectionBottom = number(
                "return document.getElementById('connection').getBoundingClientRect().bottom;");
        double sendTop = number("return document.getElementById('send').getBoundingClientRect().top;");
        assertTrue(eventsTop >= connectionBottom && eventsTop < sendTop,
                "events at " + eventsTop + " px: after the connection (" + connectionBottom + ") and before the "
                        + "message form (" + sendTop + ")");
        double hintBottom = number("return document.getElementById('log-empty').getBoundingClientRect().bottom;");
        assertTrue(hintBottom <= screen, "the empty log's hint ends at " + hintBottom + " px, on the first "
                + screen + " px screen");
        double connectBottom = number("return document.getElementById('connect').getBoundingClientRect().bottom;");
        assertTrue(connectBottom <= screen, "Connect on the first screen");
        chromium.screenshot(SCREENSHOTS.resolve("test-page-phone-empty.png"));
        page.connect();
        page.awaitState("open");
        page.typeMessage("Hello from a phone");
        page.sendText();
        page.awaitEntry("[data-kind=received]");
        chromium.screenshot(SCREENSHOTS.resolve("test-page-phone-events.png"));
        page.disconnect(1000, "bye");
        page.awaitState("closed");
    }

    /**
     * The README's picture (copy target/screenshots/readme-test-page.png to docs/test-page.png): a session as a
     * person has it, every entry of the log in view, none clipped.
     */
    @Test
    void readmeScreenshotShowsAWholeSession() throws Exception {
        chromium.driver.manage().window().setSize(new Dimension(1280, 1000));
        page.open(pageUrl(false));
        page.connect();
        page.awaitState("open");
        page.typeMessage("Hello Cruel World");
        page.sendText();
        page.awaitEntry("[data-kind=received][data-type=text]");
        page.typeMessage("{\"greeting\": \"Grüße ✓\"}");
        page.sendBinary();
        page.awaitEntry("[data-kind=received][data-type=binary]");
        page.startPeriodic("1");
        page.awaitEntry("[data-kind=received][data-type=text]", 3);
        page.stopPeriodic();
        page.awaitEntry("[data-periodic=stopped]");
        double scrolled = number("return document.getElementById('log').scrollTop;");
        double first = number("const log = document.getElementById('log');"
                + "return log.firstElementChild.getBoundingClientRect().top - log.getBoundingClientRect().top;");
        double hidden = number(
                "const log = document.getElementById('log'); return log.scrollHeight - log.clientHeight;");
        assertEquals(0.0, scrolled, "the log is not scrolled");
        assertTrue(first >= 0, "the first entry starts inside the log, " + first + " px");
        assertTrue(hidden <= 1, "the whole session fits in the log, " + hidden + " px hidden");
        chromium.screenshot(SCREENSHOTS.resolve("readme-test-page.png"));
        page.disconnect(1000, "bye");
        page.awaitState("closed");
    }

    /**
     * The proof that the wss tests trust the test's CA the way a user would and nothing else: a server whose
     * certificate comes from a CA the browser was never given gets Chromium's certificate error, both for the
     * page and for a WebSocket from a trusted page.
     */
    @Test
    void aServerWhoseCaTheBrowserDoesNotTrustIsRefused() throws Exception {
        try (TestServer untrusted = new TestServer()) {
            String untrustedPage = untrusted.url(true, "/").toString().replaceFirst("^ws", "http");
            chromium.driver.get(untrustedPage);
            assertEquals(0, chromium.driver.findElements(By.id("state")).size(),
                    "the page from the untrusted server must not load");
            String interstitial = chromium.driver.getPageSource();
            assertTrue(interstitial.contains("ERR_CERT_AUTHORITY_INVALID"), "Chromium's certificate error page");

            page.open(pageUrl(true));
            String target = untrusted.url(true, "/echo").toString();
            page.setUrl(target);
            page.connect();
            page.awaitState("failed");
            assertEquals(0, page.count("[data-kind=open]"));
            assertEquals(0, untrusted.server.connectionsAccepted(), "no WebSocket connection got through");
            String certificate = chromium.driver.findElement(By.cssSelector(
                    "[data-cause=certificate]")).getText();
            assertTrue(certificate.contains("a certificate this browser does not trust"), certificate);
        }
    }
}
