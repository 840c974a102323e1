package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The newcomer's tour, in one go, as the README describes it. */
class FullJourneyBrowserIT extends BrowserTestSupport {
  @Test
  @DisplayName("sign in, pay the canteen, deposit a document, find a commune, sign out")
  void wholeJourney() throws Exception {
    // 1. FranceConnect
    open("/");
    assertThat(heading()).isEqualTo("Bienvenue sur le portail de la Mairie de Démo");
    find(By.id("franceconnect")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FranceConnect (simulateur)"));
    browser.findElement(By.xpath("//button[normalize-space()='Continuer']")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Mon espace"));
    assertThat(find(By.id("identite")).getText()).contains("DUBOIS");

    // 2. PayFiP, from "Mon espace"
    browser
        .findElement(By.xpath("//main//a[normalize-space()='Payer ma facture de cantine']"))
        .click();
    assertThat(find(By.id("statut")).getText()).isEqualTo("À payer");
    find(By.id("payer")).click();
    wait.until(ExpectedConditions.titleContains("PayFiP (simulateur)"));
    browser
        .findElement(
            By.xpath("//button[normalize-space()='Payer par carte : paiement accepté (P)']"))
        .click();
    wait.until(ExpectedConditions.textToBe(By.id("statut"), "Payée"));

    // 3. Document safe
    browser.findElement(By.linkText("Déposer un justificatif")).click();
    Path file = Files.createTempFile(dataDir.getParent(), "avis-imposition", ".pdf");
    Files.write(file, "%PDF-1.4 avis d'imposition".getBytes(StandardCharsets.UTF_8));
    new org.openqa.selenium.support.ui.Select(find(By.id("nature")))
        .selectByVisibleText("Autre justificatif");
    find(By.id("fichier")).sendKeys(file.toString());
    browser.findElement(By.id("deposer")).click();
    WebElement row =
        find(By.xpath("//table[@id='documents']//tr[contains(., '" + file.getFileName() + "')]"));
    row.findElement(By.xpath(".//button[normalize-space()='Vérifier']")).click();
    assertThat(find(By.cssSelector(".alert--success")).getText()).contains("intact");
    assertThat(find(By.id("journal")).getText()).contains("dépôt").contains("vérification");

    // 4. Territories
    browser.findElement(By.linkText("Trouver ma commune")).click();
    find(By.id("commune")).sendKeys("marseil");
    wait.until(
        ExpectedConditions.textToBePresentInElementLocated(
            By.cssSelector("#commune-suggestions li"), "Marseille"));
    find(By.id("commune")).sendKeys(Keys.ARROW_DOWN, Keys.ENTER);
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Marseille"));
    assertThat(find(By.id("commune-fiche")).getText()).contains("13055");

    // 5. Logout through FranceConnect
    find(By.id("logout")).click();
    assertThat(find(By.cssSelector(".alert--success")).getText()).contains("déconnecté");
    assertThat(browser.findElements(By.id("logout"))).isEmpty();
  }
}
