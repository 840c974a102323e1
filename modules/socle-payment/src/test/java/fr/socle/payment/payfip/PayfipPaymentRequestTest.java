package fr.socle.payment.payfip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.payment.Saisie;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PayfipPaymentRequestTest {
  static final URI NOTIF = URI.create("https://mairie.example/notif");
  static final URI BACK = URI.create("http://mairie.example/retour?x=1");

  static PayfipPaymentRequest with(String numcli, String refdet, long amount, String mel) {
    return new PayfipPaymentRequest(
        numcli, 2026, refdet, "objet", amount, mel, NOTIF, BACK, Saisie.TEST);
  }

  @Test
  void constructor_whenEverythingIsValid_keepsTheValues() {
    PayfipPaymentRequest r = with("006270", "ABC123", 100, "a@b.fr");
    assertThat(r.numcli()).isEqualTo("006270");
    assertThat(r.amountCents()).isEqualTo(100);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12345", "1234567", "12345a", " 12345", "١٢٣٤٥٦"})
  void constructor_whenNumcliIsNotSixDigits_refuses(String numcli) {
    assertThatThrownBy(() -> with(numcli, "ABC123", 100, "a@b.fr"))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("numcli");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ABCD",
        "ABCDE",
        "ABC-123",
        "ABC 123",
        "ÉCOLE123",
        "0123456789012345678901234567890"
      })
  void constructor_whenRefdetIsNotSixToThirtyAlphanumerics_refuses(String refdet) {
    assertThatThrownBy(() -> with("006270", refdet, 100, "a@b.fr"))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("refdet");
  }

  @Test
  void constructor_acceptsRefdetOfSixAndThirtyCharacters() {
    assertThat(with("006270", "ABC123", 100, "a@b.fr").refdet()).hasSize(6);
    assertThat(with("006270", "A".repeat(30), 100, "a@b.fr").refdet()).hasSize(30);
  }

  @ParameterizedTest
  @ValueSource(longs = {-100, 0, 99, 10_000_000, Long.MAX_VALUE})
  void constructor_whenTheAmountIsOutOfBounds_refuses(long amount) {
    assertThatThrownBy(() -> with("006270", "ABC123", amount, "a@b.fr"))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("amount");
  }

  @Test
  void constructor_acceptsTheAmountBounds() {
    assertThat(with("006270", "ABC123", 100, "a@b.fr").amountCents()).isEqualTo(100);
    assertThat(with("006270", "ABC123", 9_999_999, "a@b.fr").amountCents()).isEqualTo(9_999_999);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a@b.f",
        "nobody.example.fr",
        "a@@b.fr",
        "a b@c.fr",
        "a@b.fr\n",
        "<a@b.fr>",
        "é@b.fr"
      })
  void constructor_whenTheEmailIsInvalid_refusesWithoutEchoingIt(String mel) {
    assertThatThrownBy(() -> with("006270", "ABC123", 100, mel))
        .isInstanceOf(SocleClientException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(mel));
  }

  @Test
  void constructor_whenTheEmailIsLongerThan80_refuses() {
    assertThatThrownBy(() -> with("006270", "ABC123", 100, "a".repeat(76) + "@b.fr"))
        .isInstanceOf(SocleClientException.class);
    assertThat(with("006270", "ABC123", 100, "a".repeat(74) + "@b.fr").mel()).hasSize(79);
  }

  @Test
  void constructor_whenAUrlIsRelativeOrNotHttp_refuses() {
    assertThatThrownBy(
            () ->
                new PayfipPaymentRequest(
                    "006270",
                    2026,
                    "ABC123",
                    "",
                    100,
                    "a@b.fr",
                    URI.create("/notif"),
                    BACK,
                    Saisie.TEST))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("urlnotif");
    assertThatThrownBy(
            () ->
                new PayfipPaymentRequest(
                    "006270",
                    2026,
                    "ABC123",
                    "",
                    100,
                    "a@b.fr",
                    NOTIF,
                    URI.create("ftp://x.fr/r"),
                    Saisie.TEST))
        .isInstanceOf(SocleClientException.class)
        .hasMessageContaining("urlredirect");
    assertThatThrownBy(
            () ->
                new PayfipPaymentRequest(
                    "006270",
                    2026,
                    "ABC123",
                    "",
                    100,
                    "a@b.fr",
                    URI.create("https://x.fr/" + "a".repeat(250)),
                    BACK,
                    Saisie.TEST))
        .isInstanceOf(SocleClientException.class);
  }

  @Test
  void constructor_whenExerIsNotAYear_orSaisieMissing_refuses() {
    assertThatThrownBy(
            () ->
                new PayfipPaymentRequest(
                    "006270", 26, "ABC123", "", 100, "a@b.fr", NOTIF, BACK, Saisie.TEST))
        .isInstanceOf(SocleClientException.class);
    assertThatThrownBy(
            () ->
                new PayfipPaymentRequest(
                    "006270", 2026, "ABC123", "", 100, "a@b.fr", NOTIF, BACK, null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void normaliseObjet_removesAccentsAndForbiddenCharactersAndCutsAt100() {
    assertThat(PayfipPaymentRequest.normaliseObjet("Cantine & garderie — décembre (Œuvre n°12) !"))
        .isEqualTo("Cantine garderie decembre OEuvre n 12");
    assertThat(PayfipPaymentRequest.normaliseObjet("<script>alert(1)</script>"))
        .isEqualTo("script alert 1 script");
    assertThat(PayfipPaymentRequest.normaliseObjet("é".repeat(150))).isEqualTo("e".repeat(100));
    assertThat(PayfipPaymentRequest.normaliseObjet("   ")).isEmpty();
  }

  @Test
  void saisie_mapsTheThreeLettersOnly() {
    assertThat(Saisie.fromCode("T")).isEqualTo(Saisie.TEST);
    assertThat(Saisie.fromCode("X")).isEqualTo(Saisie.ACTIVATION);
    assertThat(Saisie.fromCode("W")).isEqualTo(Saisie.PRODUCTION);
    assertThatThrownBy(() -> Saisie.fromCode("A")).isInstanceOf(SocleClientException.class);
    assertThatThrownBy(() -> Saisie.fromCode("t")).isInstanceOf(SocleClientException.class);
  }

  @Test
  void toString_redactsTheEmail() {
    assertThat(with("006270", "ABC123", 100, "jean.dupont@example.fr").toString())
        .doesNotContain("jean.dupont");
  }
}
