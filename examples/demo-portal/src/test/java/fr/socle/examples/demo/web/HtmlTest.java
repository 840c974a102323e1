package fr.socle.examples.demo.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void text_whenMarkupCharacters_escapesAllOfThem() {
    assertThat(Html.text("<script>alert('x' & \"y\")</script>").value())
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39; &amp; &quot;y&quot;)&lt;/script&gt;");
  }

  @Test
  void text_whenPlainFrenchText_keepsItAsIs() {
    assertThat(Html.text("Saint-Étienne, Île-de-France").value())
        .isEqualTo("Saint-Étienne, Île-de-France");
  }

  @Test
  void of_whenArgumentsAreStrings_escapesThemButNotTheTemplate() {
    Html html = Html.of("<a href=\"{}\">{}</a>", "/x?a=1&b=\"2\"", "<b>nom</b>");

    assertThat(html.value())
        .isEqualTo("<a href=\"/x?a=1&amp;b=&quot;2&quot;\">&lt;b&gt;nom&lt;/b&gt;</a>");
  }

  @Test
  void of_whenArgumentIsHtml_insertsItUnchanged() {
    assertThat(Html.of("<p>{}</p>", new Html("<em>ok</em>")).value())
        .isEqualTo("<p><em>ok</em></p>");
  }

  @Test
  void of_whenArgumentContainsPlaceholder_doesNotExpandIt() {
    assertThat(Html.of("{}-{}", "{}", "b").value()).isEqualTo("{}-b");
  }

  @Test
  void of_whenCountsDiffer_refuses() {
    assertThatThrownBy(() -> Html.of("{} {}", "a")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Html.of("{}", "a", "b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void join_concatenatesInOrder() {
    assertThat(Html.join(List.of(Html.text("a<"), new Html("<br>"))).value())
        .isEqualTo("a&lt;<br>");
  }
}
