package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class HomePageBrowserIT extends BrowserTestSupport {
  @Test
  @DisplayName("the home page opens in French with the portal's style sheet applied")
  void homePage() {
    open("/");

    assertThat(heading()).isEqualTo("Bienvenue sur le portail de la Mairie de Démo");
    assertThat(browser.getTitle()).endsWith("— Mairie de Démo");
    assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("fr");
    assertThat(browser.findElement(By.cssSelector(".brand__title")).getText())
        .isEqualTo("Mairie de Démo");
    // #000091 (blue France) only comes from portal.css: proves it loaded despite the CSP.
    assertThat(browser.findElement(By.cssSelector(".footer")).getCssValue("border-top-color"))
        .isEqualTo("rgba(0, 0, 145, 1)");
  }

  @Test
  @DisplayName("an unknown address shows a French 'page not found' inside the layout")
  void unknownPage() {
    open("/nulle-part");

    assertThat(heading()).isEqualTo("Une erreur est survenue");
    assertThat(find(By.cssSelector(".alert--error")).getText()).contains("n'existe pas");
    browser.findElement(By.linkText("Retour à l'accueil")).click();
    assertThat(heading()).startsWith("Bienvenue");
  }

  @Test
  @DisplayName("the 'about' page says which blocks run and how")
  void aboutPage() {
    open("/");
    browser.findElement(By.linkText("À propos de cette démonstration")).click();

    assertThat(heading()).isEqualTo("À propos de cette démonstration");
  }
}
