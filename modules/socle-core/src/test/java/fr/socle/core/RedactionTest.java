package fr.socle.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void url_masksEveryQueryValueAndTheFragment() {
    String redacted =
        Redaction.url("https://app.example.fr:8443/callback?code=SplxlOBeZ&state=af0i&iss=x#frag");
    assertThat(redacted)
        .isEqualTo("https://app.example.fr:8443/callback?code=***&state=***&iss=***#***")
        .doesNotContain("SplxlOBeZ")
        .doesNotContain("af0i");
  }

  @Test
  void url_masksUserInfo() {
    assertThat(Redaction.url("https://user:pass@host/p")).isEqualTo("https://***@host/p");
  }

  @Test
  void url_keepsAUrlWithoutQueryAsItIs() {
    assertThat(Redaction.url(URI.create("https://geo.api.gouv.fr/communes")))
        .isEqualTo("https://geo.api.gouv.fr/communes");
  }

  @Test
  void url_whenMalformedOrNull_saysSoWithoutEchoingIt() {
    assertThat(Redaction.url("http://host/ a b?secret=1")).isEqualTo("<malformed url>");
    assertThat(Redaction.url((String) null)).isEqualTo("null");
    assertThat(Redaction.url("mailto:jean.dupont@example.fr")).isEqualTo("mailto:***");
  }

  @Test
  void token_keepsOnlyTheLength() {
    assertThat(Redaction.token("eyJhbGciOiJFUzI1NiJ9.e30.sig")).isEqualTo("<token: 28 chars>");
    assertThat(Redaction.token(null)).isEqualTo("<no token>");
  }

  @Test
  void email_keepsOnlyTheDomain() {
    assertThat(Redaction.email("jean.dupont@example.fr")).isEqualTo("***@example.fr");
    assertThat(Redaction.email("no-at-sign")).isEqualTo("***");
  }

  @Test
  void peerText_stripsLineSeparatorsBidiControlsAndControls() {
    String hostile = "Refus\u2028FAKE LOG LINE\u202Egnp.exe\u2029x\u0085y\r\nz\u2066w\u200Bv\uD800";
    String safe = Redaction.peerText(hostile, 200);
    assertThat(safe)
        .doesNotContain("\u2028", "\u2029", "\u0085", "\u202E", "\u2066", "\u200B", "\r", "\n")
        .startsWith("Refus FAKE LOG LINE gnp.exe x y  z w v");
    assertThat(safe.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
    assertThat(Redaction.peerText("Résultat de la transaction non connu.", 200))
        .isEqualTo("Résultat de la transaction non connu.");
    assertThat(Redaction.peerText("abcdef", 3)).isEqualTo("abc");
    assertThat(Redaction.peerText(null, 3)).isEmpty();
  }
}
