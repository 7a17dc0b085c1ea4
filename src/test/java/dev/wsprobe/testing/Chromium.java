package dev.wsprobe.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
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
 */
public final class Chromium implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final String INSTALL = "apt-get install -y chromium chromium-driver";

    private final Path profile;
    private final ChromeDriverService service;
    public final ChromeDriver driver;

    public static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /** Skips (or, in CI, fails) the calling test when the packages are missing. */
    public static void require() {
        ThirdPartyPeer.require(installed(), "Chromium (" + BINARY + ", " + DRIVER + ")", INSTALL);
    }

    public Chromium() throws IOException {
        profile = Files.createTempDirectory("wsprobe-chromium-");
        Path driverLog = Path.of("target", "chromedriver.log");
        Files.createDirectories(driverLog.getParent());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(driverLog.toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                // nothing but the pages the test opens: no update checks, sync, QUIC probes or first-run calls
                "--disable-quic", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--no-default-browser-check", "--disable-default-apps",
                "--disable-extensions", "--metrics-recording-only",
                // The wss tests use a certificate made by the test's own CA for this run only. Trusting it
                // properly would mean an NSS database (libnss3-tools) in a throwaway HOME; what these tests
                // check is WebSocket over TLS in a browser, not certificate validation (the Java clients check
                // that with host names verified), and the flag only affects this throwaway profile.
                "--ignore-certificate-errors",
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
