package dev.wsprobe.testing;

import dev.wsprobe.tls.TlsIdentity;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium from the OS packages (Debian {@code chromium} + {@code chromium-driver}), driven
 * through Selenium. Both paths are given explicitly, so Selenium's manager never tries to download a browser
 * or driver; the flags keep Chromium from calling anything outside this machine. Each instance has a fresh
 * profile, deleted on {@link #close()}, which also ends the browser and its driver.
 *
 * <p>Certificates are checked as in a user's browser: no {@code --ignore-certificate-errors}. The CAs a test
 * trusts go into an NSS database ({@code certutil} from Debian's {@code libnss3-tools}) in a throwaway home
 * directory inside the profile, {@code $HOME/.pki/nssdb}, which is where Chromium on Linux reads a user's own
 * trust from; the driver and the browser run with {@code HOME} pointing there, so nothing of the real user's
 * trust leaks in and nothing is written to it.
 */
public final class Chromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path CERTUTIL = Path.of("/usr/bin/certutil");
    public static final String INSTALL = "apt-get install -y chromium chromium-driver libnss3-tools";

    private final Path profile;
    private final ChromeDriverService service;
    public final ChromeDriver driver;

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER) && Files.isExecutable(CERTUTIL);
    }

    /** Skips (or, in CI, fails) the calling test when the packages are missing. */
    public static void require() {
        ThirdPartyPeer.require(installed(), "Chromium with NSS's certutil (" + BINARY + ", " + DRIVER + ", "
                + CERTUTIL + ")", INSTALL);
    }

    /**
     * A browser that trusts exactly the given certificate authorities on top of its own root store, as a user
     * who imported them would.
     */
    public Chromium(X509Certificate... trustedAuthorities) throws IOException {
        profile = Files.createTempDirectory("wsprobe-chromium-");
        Path home = profile.resolve("home");
        try {
            trust(home, trustedAuthorities);
        } catch (IOException | RuntimeException e) {
            deleteProfile();
            throw e;
        }
        Path driverLog = Path.of("target", "chromedriver.log");
        Files.createDirectories(driverLog.getParent());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .withEnvironment(Map.of("HOME", home.toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // nothing but the pages the test opens: no update checks, sync, QUIC probes or first-run calls
                "--disable-quic", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-default-apps",
                "--disable-extensions", "--metrics-recording-only",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver started;
        try {
            started = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            deleteProfile();
            throw e;
        }
        driver = started;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    /** Creates {@code home/.pki/nssdb} (no password) with {@code authorities} trusted to issue server certificates. */
    private static void trust(Path home, X509Certificate... authorities) throws IOException {
        Path nssdb = Files.createDirectories(home.resolve(".pki").resolve("nssdb"));
        String database = "sql:" + nssdb;
        certutil("-N", "-d", database, "--empty-password");
        for (int i = 0; i < authorities.length; i++) {
            Path pem = Files.writeString(home.resolve("ca-" + i + ".pem"), TlsIdentity.toPem(authorities[i]));
            certutil("-A", "-d", database, "-n", "wsprobe-test-" + i, "-t", "C,,", "-i", pem.toString());
        }
    }

    private static void certutil(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(CERTUTIL.toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("certutil did not finish within 30 s: " + command);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(command + " exited with " + process.exitValue() + ": " + output.strip());
        }
    }

    /** Saves what the browser shows now as a PNG. */
    public Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(file, png);
        return file;
    }

    public Map<String, Object> capabilities() {
        return driver.getCapabilities().asMap();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
