package fr.socle.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

class CommunesBrowserIT extends BrowserTestSupport {
  @Test
  @DisplayName("typing a few letters suggests communes; choosing one opens its page")
  void autocompletion() {
    open("/");
    browser.findElement(By.linkText("Trouver ma commune")).click();
    WebElement input = find(By.id("commune"));

    input.sendKeys("st etie");
    WebElement first =
        wait.until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#commune-suggestions li")));
    assertThat(first.getText()).startsWith("Saint-Étienne").contains("42 · Loire");
    assertThat(input.getAttribute("aria-expanded")).isEqualTo("true");

    input.sendKeys(Keys.ARROW_DOWN, Keys.ENTER);

    wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "Saint-Étienne"));
    assertThat(find(By.id("commune-fiche")).getText())
        .contains("42218")
        .contains("Loire")
        .contains("Auvergne-Rhône-Alpes");
  }

  @Test
  @DisplayName("the search also works without the script, as a plain form")
  void plainSearch() {
    open("/communes?q=l%27ile+d+yeu");

    WebElement results = find(By.id("resultats"));
    assertThat(results.getText()).contains("L'Île-d'Yeu").contains("85113");
    results.findElement(By.linkText("L'Île-d'Yeu")).click();
    assertThat(heading()).isEqualTo("L'Île-d'Yeu");
  }

  @Test
  @DisplayName("a former code of a merged commune leads to the current commune, with a notice")
  void formerCode() {
    open("/communes/93059");

    assertThat(heading()).isEqualTo("Saint-Denis");
    assertThat(find(By.cssSelector(".alert--info")).getText()).contains("ancien code");
  }

  @Test
  @DisplayName("an unknown code gives a French error page")
  void unknownCode() {
    open("/communes/99999");

    assertThat(find(By.cssSelector(".alert--error")).getText()).contains("Aucune commune");
  }
}
