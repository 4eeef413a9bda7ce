package dev.kratixtemporal.api.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Temporal Web UI of the dev server in a real browser: Debian's chromium, headless, through its chromedriver
 * (both from apt; Selenium is told their paths, so Selenium Manager never downloads anything). A request's
 * workflow is found in the list, the KratixPromise filter keeps only that Promise's workflows, and its history
 * shows the pipeline activity. Screenshots go to target/temporal-ui-*.png.
 */
class TemporalWebUiTest extends EndToEndTest {
  static final String PROMISE = "tmp-durable";
  static final String REQUEST = "resource/tmp-durable/default/tmp-ui-hello";

  @Test
  void theRequestsWorkflowIsListedFilteredByPromiseAndItsHistoryShowsThePipeline() throws Exception {
    api.applyOk(resource("tmp-durable.yaml"));
    awaitAvailable(PROMISE);
    api.applyOk("""
        apiVersion: test.kratix.dev/v1alpha1
        kind: TmpDurable
        metadata:
          name: tmp-ui-hello
          namespace: default
        spec:
          colour: yellow
        """);
    eventually("tmp-ui-hello Reconciled", () -> api.getOrNull("/api/v1/promises/tmp-durable/resources/default/tmp-ui-hello"),
        r -> r != null && Status.condition(r, "Reconciled").equals("True"));

    WebDriver browser = chromium();
    try {
      String ui = "http://127.0.0.1:" + temporalUiPort + "/namespaces/default/workflows";
      browser.get(ui);
      awaitText(browser, REQUEST);
      assertThat(pageText(browser)).contains("destination/dev");
      screenshot(browser, "list");

      browser.get(ui + "?query=" + URLEncoder.encode("KratixPromise=\"" + PROMISE + "\"", StandardCharsets.UTF_8));
      awaitText(browser, REQUEST);
      assertThat(pageText(browser)).contains("promise/" + PROMISE).doesNotContain("destination/dev");
      screenshot(browser, "filtered");

      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(b -> {
        b.findElement(By.linkText(REQUEST)).click(); // the list re-renders as it refreshes
        return true;
      });
      awaitText(browser, "RunPipeline");
      assertThat(browser.getCurrentUrl()).contains("/workflows/" + URLEncoder.encode(REQUEST, StandardCharsets.UTF_8) + "/")
          .endsWith("/history");
      new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class).until(b -> {
        WebElement activity = b.findElement(By.xpath("//*[contains(text(),'RunPipeline')]"));
        ((JavascriptExecutor) b).executeScript("arguments[0].scrollIntoView({block: 'center'})", activity);
        return true;
      });
      screenshot(browser, "history");
    } finally {
      browser.quit();
    }
  }

  static WebDriver chromium() throws IOException {
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1600,1000",
        "--user-data-dir=" + Files.createTempDirectory("kratix-chromium"));
    ChromeDriverService driver = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
    return new ChromeDriver(driver, options);
  }

  static String pageText(WebDriver browser) {
    return browser.findElement(By.tagName("body")).getText();
  }

  /** The UI renders from its own API calls: wait for the text, reloading now and then (visibility lags a little). */
  static void awaitText(WebDriver browser, String text) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> pageText(b).contains(text));
        return;
      } catch (org.openqa.selenium.TimeoutException notYet) {
        browser.navigate().refresh();
      }
    }
    assertThat(pageText(browser)).as("page " + browser.getCurrentUrl()).contains(text);
  }

  static void screenshot(WebDriver browser, String name) throws IOException {
    Path target = Path.of("target", "temporal-ui-" + name + ".png");
    Files.createDirectories(target.getParent());
    Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }
}
