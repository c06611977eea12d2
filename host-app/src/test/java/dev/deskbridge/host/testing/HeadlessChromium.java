package dev.deskbridge.host.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's {@code chromium} and {@code chromium-driver}, headless, for browser tests. A test is
 * skipped where they are not installed, except on CI (env {@code CI}), where it must run.
 */
public final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** Skips the test where Chromium is missing; fails it on CI. */
    public static void require() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            fail("CI must run the browser test, but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing; "
                    + ".ci/run installs them with apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(present, "browser test skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                + " are needed (Debian: apt-get install chromium chromium-driver)");
    }

    /**
     * A headless browser with its own profile, keeping the page's console messages.
     *
     * @param windowSize as {@code 1440,1000}
     */
    public static WebDriver start(Path profile, String windowSize) {
        return start(profile, windowSize, false);
    }

    /**
     * A headless browser as {@link #start(Path, String)}, optionally also keeping Chrome's
     * performance log (the DevTools {@code Network.*} events), so a test can list every request a
     * page made.
     */
    public static WebDriver start(Path profile, String windowSize, boolean recordNetwork) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=" + windowSize, "--lang=en-US");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        if (recordNetwork) {
            logging.enable(LogType.PERFORMANCE, Level.ALL);
        }
        options.setCapability("goog:loggingPrefs", logging);
        // The driver is named explicitly, so Selenium Manager never looks for (or downloads) one.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }
}
