package fr.socle.onceonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdentiteTest {
  Identite.Builder base() {
    return Identite.builder()
        .nomNaissance("MARTIN")
        .prenoms("AXELLE")
        .sexe(Sexe.F)
        .dateNaissance(LocalDate.of(1989, 12, 3))
        .codePaysNaissance(Identite.FRANCE);
  }

  @Test
  void bornInFrance_byCommuneCode_orByNameAndDepartement() {
    assertThat(base().codeCommuneNaissance("35238").build().codeCommuneNaissance())
        .contains("35238");
    assertThat(base().codeCommuneNaissance("2A004").build().codeCommuneNaissance())
        .contains("2A004");
    assertThat(base().communeNaissance("Rennes", "35").build().codeDepartementNaissance())
        .contains("35");
  }

  @Test
  void prenoms_mustBeOneToThree() {
    assertThatThrownBy(() -> base().codeCommuneNaissance("35238").prenoms().build())
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(
            () -> base().codeCommuneNaissance("35238").prenoms("A", "B", "C", "D").build())
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> base().codeCommuneNaissance("35238").prenoms(" ").build())
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void birthPlace_rulesOfTheApi() {
    assertThatThrownBy(() -> base().build())
        .isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("born in France");
    assertThatThrownBy(() -> base().codeCommuneNaissance("3523").build())
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(
            () -> base().codeCommuneNaissance("35238").communeNaissance("Rennes", "35").build())
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> base().codePaysNaissance("100").codeCommuneNaissance("35238").build())
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(() -> base().communeNaissance("Rennes", "3X5").build())
        .isInstanceOf(InvalidQueryException.class);
    // By name, the birth year is required.
    assertThatThrownBy(
            () ->
                Identite.builder()
                    .nomNaissance("MARTIN")
                    .prenoms("AXELLE")
                    .sexe(Sexe.F)
                    .codePaysNaissance(Identite.FRANCE)
                    .communeNaissance("Rennes", "35")
                    .build())
        .isInstanceOf(InvalidQueryException.class);
    // Born abroad: the country is enough.
    assertThat(base().codePaysNaissance("99135").build().codeCommuneNaissance()).isEmpty();
  }

  @Test
  void partialDates_areAccepted_impossibleDatesAreNot() {
    assertThat(
            base()
                .codeCommuneNaissance("35238")
                .dateNaissancePartielle(1989, null)
                .build()
                .dateNaissance())
        .isEmpty();
    assertThatThrownBy(
            () -> base().codeCommuneNaissance("35238").dateNaissancePartielle(1989, 13).build())
        .isInstanceOf(InvalidQueryException.class);
    assertThatThrownBy(
            () ->
                new Identite(
                    "MARTIN",
                    java.util.Optional.empty(),
                    java.util.List.of("AXELLE"),
                    Sexe.F,
                    java.util.OptionalInt.of(2023),
                    java.util.OptionalInt.of(2),
                    java.util.OptionalInt.of(30),
                    Identite.FRANCE,
                    java.util.Optional.of("35238"),
                    java.util.Optional.empty(),
                    java.util.Optional.empty()))
        .isInstanceOf(InvalidQueryException.class);
  }

  @Test
  void errors_andToString_neverPrintTheValues() {
    assertThatThrownBy(() -> base().nomNaissance("MAR\nTIN").codeCommuneNaissance("35238").build())
        .hasMessageNotContaining("MAR");
    assertThat(base().codeCommuneNaissance("35238").build().toString())
        .doesNotContain("MARTIN", "AXELLE", "35238", "1989");
  }

  @Test
  void missingRequiredFields_areNullPointerExceptionsNamingThem() {
    assertThatThrownBy(() -> Identite.builder().build())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("nomNaissance");
  }
}
