package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.examples.demo.payment.PaymentFeature;
import fr.socle.testkit.payfip.Misbehaviour;
import fr.socle.testkit.payfip.Outcome;
import fr.socle.testkit.payfip.PayfipSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

// One citizen, one invoice: the refused attempt comes before the paid one.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PaymentBrowserIT extends BrowserTestSupport {
  @Override
  protected Map<String, String> environment(Path dataDir) {
    Map<String, String> env = super.environment(dataDir);
    // Look up pending payments older than a second, every second.
    env.put("SOCLE_PAYFIP_RECONCILE_EVERY", "PT1S");
    return env;
  }

  private PayfipSimulator simulator() {
    return portal.feature(PaymentFeature.class).orElseThrow().simulator().orElseThrow();
  }

  @AfterEach
  void simulatorBehaves() {
    if (portal != null) {
      simulator().behave();
      simulator().reset();
    }
  }

  private void goToPayfip() {
    signIn();
    browser.findElement(By.linkText("Payer ma facture de cantine")).click();
    find(By.id("payer")).click();
    wait.until(ExpectedConditions.titleContains("PayFiP (simulateur)"));
  }

  private void choose(String label) {
    browser.findElement(By.xpath("//button[normalize-space()='" + label + "']")).click();
  }

  @Test
  @Order(1)
  @DisplayName("a refused card leaves the invoice to pay, and a new attempt is possible")
  void refusedCard() {
    goToPayfip();
    choose("Carte refusée (R)");

    assertThat(find(By.cssSelector(".alert--error")).getText()).contains("refusé");
    assertThat(find(By.id("statut")).getText()).isEqualTo("À payer");
    assertThat(find(By.id("tentatives")).getText()).contains("refusé");
    assertThat(browser.findElements(By.id("payer"))).hasSize(1);
  }

  @Test
  @Order(2)
  @DisplayName("'Payer ma facture de cantine' → PayFiP page → back, paid according to the ledger")
  void payByCard() {
    goToPayfip();
    assertThat(find(By.tagName("body")).getText()).contains("42,50");
    choose("Payer par carte : paiement accepté (P)");

    wait.until(ExpectedConditions.urlContains("/paiement?retour="));
    assertThat(find(By.cssSelector(".alert--success")).getText()).contains("accepté");
    assertThat(find(By.id("statut")).getText()).isEqualTo("Payée");
    assertThat(find(By.cssSelector("main")).getText()).contains("carte bancaire");
    assertThat(find(By.id("tentatives")).getText()).contains("payé").contains("refusé");
    assertThat(browser.findElements(By.id("payer"))).isEmpty();
  }

  @Test
  @Order(3)
  @DisplayName("notification dropped and payer never back: reconciliation still marks it paid")
  void droppedNotification_settledByReconciliation() {
    simulator().misbehave(Misbehaviour.dropNotification());
    // Another citizen, whose invoice is still to pay.
    signInAs("avec_nom_dusage");
    browser.findElement(By.linkText("Payer ma facture de cantine")).click();
    find(By.id("payer")).click();
    wait.until(ExpectedConditions.titleContains("PayFiP (simulateur)"));
    String idOp = browser.findElement(By.name("idop")).getAttribute("value");

    // The payer pays, then closes the window before being sent back to the portal.
    simulator().complete(idOp, Outcome.CARD_PAID);
    open("/paiement");
    assertThat(find(By.id("tentatives")).getText()).contains(idOp);

    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            driver -> {
              driver.navigate().refresh();
              return driver.findElement(By.id("statut")).getText().equals("Payée");
            });
    assertThat(simulator().notifications()).isEmpty();
  }
}
