package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import fr.socle.examples.demo.identity.IdentityFeature;
import fr.socle.examples.demo.onceonly.OnceOnlyFeature;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.onceonly.Misbehaviour;
import fr.socle.testkit.onceonly.OnceOnlySimulator;
import fr.socle.testkit.onceonly.ServedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

class OnceOnlyBrowserIT extends BrowserTestSupport {
  private OnceOnlySimulator simulator() {
    return portal.feature(OnceOnlyFeature.class).orElseThrow().simulator().orElseThrow();
  }

  private FranceConnectSimulator franceConnect() {
    return portal.feature(IdentityFeature.class).orElseThrow().simulator().orElseThrow();
  }

  @AfterEach
  void simulatorBehaves() {
    if (portal != null) {
      simulator().reset();
    }
  }

  @Test
  @DisplayName(
      "after FranceConnect, the canteen invoice is priced by the quotient familial fetched in"
          + " FranceConnect mode")
  void canteen_pricedByQuotientFamilial() {
    signIn();
    open("/cantine");

    assertThat(heading()).isEqualTo("Mon tarif de cantine");
    assertThat(find(By.id("statut-qf")).getText()).contains("CNAF").contains("aucun justificatif");
    assertThat(find(By.id("qf")).getText()).isEqualTo("680 € (CNAF)");
    assertThat(find(By.id("tranche")).getText()).isEqualTo("Tranche B");
    assertThat(find(By.id("montant")).getText()).isEqualTo("33,60 €");
    assertThat(browser.findElements(By.cssSelector("#grille tbody tr"))).hasSize(5);
    WebElement applied = find(By.id("tranche-appliquee"));
    assertThat(applied.getText()).contains("Tranche B").contains("401 à 700").contains("2,10 €");
    assertThat(simulator().requests())
        .extracting(ServedRequest::route, ServedRequest::status)
        .containsExactly(tuple("/v3/dss/quotient_familial/france_connect", 200));
  }

  @Test
  @DisplayName(
      "a FranceConnect token without the quotient familial scope: API Particulier refuses it,"
          + " nothing is invoiced and the citizen is told why")
  void canteen_whenTokenLacksTheScope_invoicesNothing() {
    franceConnect().misbehave(fr.socle.testkit.franceconnect.Misbehaviour.DATA_SCOPES_NOT_GRANTED);
    try {
      signIn();
    } finally {
      franceConnect().behave();
    }
    open("/cantine");

    assertThat(find(By.id("statut-qf")).getText()).contains("n'a pas autorisé");
    assertThat(find(By.id("montant")).getText()).isEqualTo("à calculer");
    assertThat(browser.findElements(By.id("tranche-appliquee"))).isEmpty();
    assertThat(simulator().requests())
        .extracting(ServedRequest::route, ServedRequest::status)
        .containsExactly(tuple("/v3/dss/quotient_familial/france_connect", 403));
  }

  @Test
  @DisplayName(
      "a FranceConnect token no longer valid: nothing is invoiced, signing in again prices the"
          + " canteen")
  void canteen_whenTokenRevoked_asksToSignInAgain() {
    signIn();
    franceConnect().revokeAccessTokens();
    open("/cantine");

    assertThat(find(By.id("statut-qf")).getText()).contains("n'est plus valable");
    assertThat(find(By.id("montant")).getText()).isEqualTo("à calculer");
    assertThat(simulator().requests()).extracting(ServedRequest::status).containsExactly(401);

    find(By.id("reconnexion")).click();
    wait.until(
        org.openqa.selenium.support.ui.ExpectedConditions.textToBe(
            By.tagName("h1"), "FranceConnect (simulateur)"));
    browser.findElement(By.cssSelector("input[name='login'][value='test']")).click();
    browser.findElement(By.xpath("//button[normalize-space()='Continuer']")).click();
    wait.until(
        org.openqa.selenium.support.ui.ExpectedConditions.textToBe(By.tagName("h1"), "Mon espace"));
    open("/cantine");
    assertThat(find(By.id("tranche")).getText()).isEqualTo("Tranche B");
  }

  @Test
  @DisplayName("the login asks FranceConnect for the quotient familial's data scopes")
  void login_asksForTheQuotientFamilialScopes() {
    signIn();
    assertThat(franceConnect().lastAuthorizeParameters().get("scope").split(" "))
        .contains("identite_pivot", "cnaf_quotient_familial", "cnaf_allocataires", "cnaf_enfants");
  }

  @Test
  @DisplayName("a citizen without a CAF or MSA file pays the full price and is told why")
  void canteen_withoutAFile_fullPrice() {
    signInAs("ne_a_l_etranger");
    open("/cantine");

    assertThat(find(By.id("statut-qf")).getText()).contains("Aucun dossier CAF ou MSA");
    assertThat(find(By.id("tranche")).getText()).isEqualTo("Tranche E");
    assertThat(find(By.id("montant")).getText()).isEqualTo("78,40 €");
  }

  @Test
  @DisplayName("the CAF down: nothing is invoiced, the citizen is told so")
  void canteen_whenProviderDown_invoicesNothing() {
    signIn();
    simulator().misbehave(Misbehaviour.providerDown(504));
    open("/cantine");

    assertThat(find(By.id("statut-qf")).getText()).contains("momentanément indisponible");
    assertThat(find(By.id("montant")).getText()).isEqualTo("à calculer");
    assertThat(browser.findElements(By.id("tranche-appliquee"))).isEmpty();
  }

  @Test
  @DisplayName("the canteen page needs a FranceConnect login")
  void canteen_needsALogin() {
    open("/cantine");
    assertThat(heading()).startsWith("Bienvenue");
    assertThat(find(By.cssSelector(".alert--info")).getText()).contains("Connectez-vous");
  }

  @Test
  @DisplayName("marchés publics: a company in good standing, then one URSSAF refuses to certify")
  void marchesPublics_checksAttestationsBySiren() {
    open("/marches-publics");
    find(By.id("siren")).sendKeys(OnceOnlySimulator.SIREN_EN_REGLE);
    find(By.id("verifier")).click();

    assertThat(find(By.id("denomination")).getText()).isEqualTo("ATELIER DU BOIS");
    assertThat(find(By.id("vigilance")).getText()).startsWith("délivrée, valide jusqu'au");
    assertThat(find(By.id("fiscale")).getText()).startsWith("délivrée le");
    assertThat(find(By.id("verdict")).getText()).contains("à jour de ses obligations");

    WebElement field = find(By.id("siren"));
    field.clear();
    field.sendKeys(OnceOnlySimulator.SIREN_REFUS_URSSAF);
    find(By.id("verifier")).click();

    assertThat(find(By.id("vigilance")).getText()).contains("refusée");
    assertThat(find(By.cssSelector("#verdict.alert--error")).getText())
        .contains("ne peut pas être attribué");
  }

  @Test
  @DisplayName("marchés publics: a non-diffusible company and an invalid SIREN are explained")
  void marchesPublics_nonDiffusibleAndInvalid() {
    open("/marches-publics?siren=" + OnceOnlySimulator.SIREN_NON_DIFFUSIBLE);
    assertThat(find(By.id("verdict")).getText()).contains("n'est pas diffusible");

    open("/marches-publics?siren=123456789");
    assertThat(find(By.id("verdict")).getText()).contains("n'est pas valide");
    assertThat(simulator().requests()).hasSize(1);
  }
}
