package fr.socle.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fr.socle.spring.boot.autoconfigure.test.AutoConfigureSocleSimulators;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The journey in a real browser (Debian's headless Chromium), against the simulators' own pages.
 * Skipped with a message when {@code /usr/bin/chromedriver} is absent; {@code .ci/run} installs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@AutoConfigureSocleSimulators
class PortalBrowserIT {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir static Path data;
  @TempDir Path profile;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("SOCLE_DATA", () -> data.toString());
    registry.add(
        "socle.identity.transaction-key", () -> "browser-test-transaction-key-0123456789ab");
  }

  @Autowired Environment environment;
  WebDriver browser;
  WebDriverWait wait;

  @BeforeEach
  void startBrowser() {
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER),
        "browser test skipped: "
            + CHROMEDRIVER
            + " is absent (apt-get install chromium chromium-driver, as .ci/run does)");
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
        "--no-first-run",
        "--user-data-dir=" + profile);
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

  @AfterEach
  void stopBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  WebElement find(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  @Test
  @DisplayName("sign in with FranceConnect, pay through PayFiP, deposit, find a commune, sign out")
  void journey() throws Exception {
    String home = "http://localhost:" + environment.getProperty("server.port") + "/";
    browser.get(home);

    find(By.id("franceconnect")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FranceConnect (simulateur)"));
    browser.findElement(By.xpath("//button[normalize-space()='Continuer']")).click();
    assertThat(find(By.id("hello")).getText()).startsWith("Bonjour");

    find(By.id("pay")).click();
    wait.until(ExpectedConditions.titleContains("PayFiP (simulateur)"));
    browser
        .findElement(
            By.xpath("//button[normalize-space()='Payer par carte : paiement accepté (P)']"))
        .click();
    assertThat(find(By.id("payment")).getText()).isEqualTo("PAID, facture réglée");

    browser.findElement(By.linkText("Accueil")).click();
    Path file = Files.createTempFile(profile, "avis", ".txt");
    Files.write(file, "avis d'imposition".getBytes(StandardCharsets.UTF_8));
    find(By.id("file")).sendKeys(file.toString());
    browser.findElement(By.id("deposit")).click();
    assertThat(find(By.id("deposited")).getText()).contains("Document déposé");

    browser.findElement(By.linkText("Accueil")).click();
    find(By.id("q")).sendKeys("Marseille");
    browser.findElement(By.id("search")).click();
    assertThat(find(By.id("communes")).getText()).contains("Marseille (13055)");

    browser.get(home);
    find(By.id("logout")).click();
    assertThat(find(By.id("franceconnect")).getText()).contains("FranceConnect");
  }
}
