package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.examples.demo.identity.IdentityFeature;
import fr.socle.testkit.franceconnect.FranceConnectSimulator;
import fr.socle.testkit.franceconnect.Misbehaviour;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

class IdentityBrowserIT extends BrowserTestSupport {
  private FranceConnectSimulator simulator() {
    return portal.feature(IdentityFeature.class).orElseThrow().simulator().orElseThrow();
  }

  @AfterEach
  void simulatorBehaves() {
    if (portal != null) {
      simulator().behave();
    }
  }

  @Test
  @DisplayName("FranceConnect button → simulator's identity page → 'Mon espace' with the identity")
  void signIn_showsTheIdentityReceived() {
    open("/");
    assertThat(browser.findElements(By.linkText("Mon espace"))).isEmpty();

    signIn();

    String identity = find(By.id("identite")).getText();
    assertThat(identity)
        .contains("Angela Claire Louise")
        .contains("DUBOIS")
        .contains("24/08/1962")
        .contains("féminin")
        .contains("(75107)")
        .contains("France")
        .contains("wossewodda-3728@yopmail.com")
        .contains("eIDAS faible");
    assertThat(find(By.cssSelector(".header__user")).getText())
        .isEqualTo("Angela Claire Louise DUBOIS");
    org.openqa.selenium.Cookie session = browser.manage().getCookieNamed("MAIRIE_SESSION");
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualTo("Lax");
    // The sealed login transaction lives only for the round trip.
    assertThat(browser.manage().getCookieNamed("__Host-socle-login")).isNull();
  }

  @Test
  @DisplayName("logout goes through FranceConnect and closes the portal's session")
  void logout_throughFranceConnect() {
    signIn();

    find(By.id("logout")).click();

    assertThat(find(By.cssSelector(".alert--success")).getText()).contains("déconnecté");
    assertThat(browser.findElements(By.cssSelector(".header__user"))).isEmpty();
    open("/espace");
    assertThat(heading()).startsWith("Bienvenue");
    assertThat(find(By.cssSelector(".alert--info")).getText()).contains("Connectez-vous");
  }

  @Test
  @DisplayName("an ID token signed with a wrong key: French error page, and no session opened")
  void signIn_whenWrongSigningKey_opensNoSession() {
    simulator().misbehave(Misbehaviour.BAD_ID_TOKEN_SIGNATURE);
    open("/");
    find(By.id("franceconnect")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FranceConnect (simulateur)"));
    browser.findElement(By.xpath("//button[normalize-space()='Continuer']")).click();

    assertThat(heading()).isEqualTo("Une erreur est survenue");
    assertThat(find(By.cssSelector(".alert--error")).getText())
        .contains("La connexion avec FranceConnect a échoué")
        .contains("Vous n'êtes pas connecté");
    assertThat(browser.findElements(By.cssSelector(".header__user"))).isEmpty();
    open("/espace");
    assertThat(heading()).startsWith("Bienvenue");
    open("/justificatifs");
    assertThat(heading()).startsWith("Bienvenue");
  }

  @Test
  @DisplayName("a citizen who turns back on the identity page is told, and not signed in")
  void signIn_whenCancelled_saysSo() {
    open("/");
    find(By.id("franceconnect")).click();
    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "FranceConnect (simulateur)"));
    browser.findElement(By.xpath("//button[normalize-space()='Revenir sur le service']")).click();

    assertThat(find(By.cssSelector(".alert--error")).getText()).contains("annulé");
    assertThat(browser.findElements(By.cssSelector(".header__user"))).isEmpty();
  }
}
