package fr.socle.examples.demo;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts the portal on a free port with its simulators, and Debian's headless Chromium driven by
 * Debian's chromedriver, once per test class. Skipped, with a message, on a machine without
 * chromedriver; {@code .ci/run} installs it, so CI always runs these tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserTestSupport {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  // Selenium warns that it has no DevTools bindings for this Chromium version; the tests use
  // WebDriver only. Held in a field: java.util.logging keeps loggers weakly.
  private static final java.util.logging.Logger CDP_WARNINGS =
      java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

  static {
    CDP_WARNINGS.setLevel(java.util.logging.Level.OFF);
  }

  protected DemoPortal portal;
  protected WebDriver browser;
  protected WebDriverWait wait;
  protected Path dataDir;
  private Path profileDir;

  /**
   * Returns the environment the portal starts with; subclasses add to it.
   *
   * @param dataDir a fresh directory for the document safe and the ledger
   * @return the variables
   */
  protected Map<String, String> environment(Path dataDir) {
    Map<String, String> env = new HashMap<>();
    env.put("SOCLE_DEMO_PORT", "0");
    env.put("SOCLE_STORAGE_DIR", dataDir.toString());
    return env;
  }

  @BeforeAll
  void startPortalAndBrowser() throws Exception {
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: "
            + CHROMEDRIVER
            + " is absent (apt-get install chromium"
            + " chromium-driver, as .ci/run does)");
    dataDir = Files.createTempDirectory("demo-portal-data");
    profileDir = Files.createTempDirectory("demo-portal-chromium");
    portal = DemoPortal.start(DemoConfig.from(environment(dataDir)));

    ChromeOptions options = new ChromeOptions();
    if (Files.isExecutable(CHROMIUM)) {
      options.setBinary(CHROMIUM.toFile());
    }
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--lang=fr-FR",
        "--window-size=1280,1000",
        "--user-data-dir=" + profileDir);
    // An explicit driver executable keeps Selenium Manager from trying to download one.
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    wait = new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  @BeforeEach
  void freshBrowserSession() {
    if (browser != null) {
      browser.manage().deleteAllCookies();
    }
  }

  @AfterAll
  void stopBrowserAndPortal() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (portal != null) {
      portal.close();
    }
    deleteTree(profileDir);
    deleteTree(dataDir);
  }

  /** Opens a path of the portal. */
  protected void open(String path) {
    browser.get(portal.url() + path);
  }

  /** Waits for an element and returns it. */
  protected WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /**
   * Signs in the way a citizen would: the FranceConnect button, the simulator's identity page, the
   * official test identity "test" (Angela Claire Louise DUBOIS), back to "Mon espace".
   */
  protected void signIn() {
    signInAs("test");
  }

  /**
   * Signs in as one of the simulator's test identities.
   *
   * @param login the identity's login on the simulator's page, such as {@code test}
   */
  protected void signInAs(String login) {
    open("/");
    find(By.id("franceconnect")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FranceConnect (simulateur)"));
    browser.findElement(By.cssSelector("input[name='login'][value='" + login + "']")).click();
    browser.findElement(By.xpath("//button[normalize-space()='Continuer']")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Mon espace"));
  }

  /** Returns the text of the page's main heading. */
  protected String heading() {
    return find(By.tagName("h1")).getText();
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    }
  }
}
