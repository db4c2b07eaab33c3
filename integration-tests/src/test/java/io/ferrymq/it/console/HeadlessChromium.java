package io.ferrymq.it.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's chromium driven headless through its chromedriver (selenium), with the browser's
 * console log kept so a test can assert a page logged no error. Runs as root in CI, hence
 * {@code --no-sandbox}. {@link #close()} quits the browser and stops the driver process it started.
 * Confined to the test thread.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
    private static final List<Path> DRIVER = List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Why the browser cannot run here (chromium or chromedriver missing); empty when it can. */
    static Optional<String> unavailable() {
        if (executable(CHROMIUM).isEmpty()) {
            return Optional.of("chromium is not installed (apt-get install chromium chromium-driver); " + CHROMIUM);
        }
        if (executable(DRIVER).isEmpty()) {
            return Optional.of("chromedriver is not installed (apt-get install chromium-driver); " + DRIVER);
        }
        return Optional.empty();
    }

    static HeadlessChromium start(Path logDir) {
        return start(logDir, false);
    }

    /** With {@code acceptInsecureCerts}, pages over TLS signed by a test CA load (the secured console's). */
    static HeadlessChromium start(Path logDir, boolean acceptInsecureCerts) {
        ChromeOptions options = new ChromeOptions();
        options.setAcceptInsecureCerts(acceptInsecureCerts);
        options.setBinary(executable(CHROMIUM).orElseThrow().toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + logDir.resolve("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(executable(DRIVER).orElseThrow().toFile())
                .usingAnyFreePort()
                .withLogFile(logDir.resolve("chromedriver.log").toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new HeadlessChromium(driver);
    }

    ChromeDriver driver() {
        return driver;
    }

    /** The browser console's SEVERE entries since the last call (reading drains them). */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString).toList();
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Optional<Path> executable(List<Path> candidates) {
        try (Stream<Path> s = candidates.stream()) {
            return s.filter(Files::isExecutable).findFirst();
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
