package io.backorderengine.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian chromium driven by Selenium. Without chromium installed the calling test is
 * skipped with the reason, except under {@code CI=true}, where that is a failure (.ci/run installs it).
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final WebDriver driver;
    private final Path profile;

    private Browser(WebDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser open() {
        return open(1400, 1000);
    }

    /** A browser whose window is this size, e.g. 390 x 844 for a phone. */
    public static Browser open(int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed) {
            String why = "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        try {
            Path profile = Files.createTempDirectory("chromium-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // a closed network: no background connections, no updates, no sync
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + profile);
            if (width < 600) {
                // a window is at least 500 px wide: a phone's screen is emulated (viewport, touch, pixel ratio)
                options.setExperimentalOption(
                        "mobileEmulation",
                        Map.of(
                                "deviceMetrics",
                                Map.of("width", width, "height", height, "pixelRatio", 3.0, "touch", true)));
            }
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    /** Waits for the condition; on timeout saves a screenshot named after the step first. */
    public <T> T await(String step, Function<? super WebDriver, T> condition) {
        try {
            return waiting().until(driver -> askedOfTheCurrentPage(condition, driver));
        } catch (TimeoutException e) {
            screenshot("failed-" + step);
            throw new AssertionError(
                    "browser step '" + step + "' timed out on " + driver.getCurrentUrl()
                            + " (screenshot in target/screenshots)",
                    e);
        }
    }

    /**
     * The condition's answer, or null (not yet) when the page it read was being replaced: chromedriver then
     * reports an element of the old document with this error rather than as stale, which the wait ignores.
     */
    private static <T> T askedOfTheCurrentPage(Function<? super WebDriver, T> condition, WebDriver driver) {
        try {
            return condition.apply(driver);
        } catch (WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return null;
            }
            throw e;
        }
    }

    /**
     * Types into a field until it holds the text: single-page apps may re-render a form right after
     * it appears and drop what was typed.
     */
    public void type(String step, By field, String text) {
        await(step, d -> {
            var element = d.findElement(field);
            if (!text.equals(element.getAttribute("value"))) {
                element.clear();
                element.sendKeys(text);
            }
            return text.equals(element.getAttribute("value")) ? element : null;
        });
    }

    /** Clicks what the condition finds once it is clickable, as a step that leaves a screenshot if it fails. */
    public void click(String step, By element) {
        WebElement found = await(step, ExpectedConditions.elementToBeClickable(element));
        // a page footer or header may cover an element at the window's edge
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", found);
        found.click();
    }

    /** Saves what the browser shows to target/screenshots, for a person to look at. */
    public void screenshot(String name) {
        try {
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
