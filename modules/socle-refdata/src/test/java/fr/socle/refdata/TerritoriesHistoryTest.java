package fr.socle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import java.time.Year;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Territories#communeIn}: a commune as an earlier COG had it, and where it is now. */
class TerritoriesHistoryTest {
  private final Territories territories = Territories.embedded();

  @Test
  void historyMillesimes_are2019And2021To2026() {
    assertThat(territories.historyMillesimes())
        .extracting(Millesime::year)
        .containsExactly(2019, 2021, 2022, 2023, 2024, 2025, 2026);
    assertThat(territories.historyMillesimes().get(6)).isEqualTo(territories.millesime());
    assertThat(territories.historyMillesimes().get(0).source())
        .isEqualTo("@etalab/decoupage-administratif 0.8.0");
  }

  @Test
  void communeIn_whenMergedCommuneByCode_givesThatYearsEntryAndTodaysCommune() {
    CommuneInYear p = territories.communeIn("93059", Year.of(2024)).get(0);
    assertThat(p.nom()).isEqualTo("Pierrefitte-sur-Seine");
    assertThat(p.type()).isEqualTo(CommuneType.ACTUELLE);
    assertThat(p.millesime()).get().extracting(Millesime::year).isEqualTo(2024);
    assertThat(p.current().code()).isEqualTo("93066");
    assertThat(p.isUnchanged()).isFalse();
    // In 2025 it had become a commune déléguée of Saint-Denis.
    List<CommuneInYear> in2025 = territories.communeIn("93059", Year.of(2025));
    assertThat(in2025)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.type()).isEqualTo(CommuneType.DELEGUEE);
              assertThat(c.parentCode()).contains("93066");
              assertThat(c.current().code()).isEqualTo("93066");
            });
  }

  @Test
  void communeIn_whenMergedCommuneByName_findsItInItsYearOnly() {
    assertThat(territories.communeIn("pierrefitte sur seine", Year.of(2021)))
        .extracting(CommuneInYear::code, c -> c.current().code())
        .containsExactly(org.assertj.core.groups.Tuple.tuple("93059", "93066"));
    // Today it is only a délégué name; the current commune is still found through it.
    assertThat(territories.communeIn("Pierrefitte-sur-Seine", Year.of(2026)))
        .extracting(CommuneInYear::type)
        .containsExactly(CommuneType.DELEGUEE);
  }

  @Test
  void communeIn_whenUnchangedCommune_isItselfInEveryYear() {
    for (int y : new int[] {1950, 2019, 2020, 2022, 2026, 2040}) {
      List<CommuneInYear> hits = territories.communeIn("01001", Year.of(y));
      assertThat(hits).as("year %d", y).hasSize(1);
      assertThat(hits.get(0).isUnchanged()).isTrue();
      assertThat(hits.get(0).nom()).isEqualTo("L'Abergement-Clémenciat");
    }
    assertThat(territories.communeIn("01001", Year.of(2020)).get(0).millesime())
        .get()
        .extracting(Millesime::year)
        .isEqualTo(2019);
  }

  @Test
  void communeIn_whenDelegueChangedChefLieu_followsTheCogToTodaysCommune() {
    // 60455 was a déléguée of 60054 (Les Hauts Talican) in 2019; the chef-lieu moved to 60694.
    CommuneInYear in2019 = territories.communeIn("60455", Year.of(2019)).get(0);
    assertThat(in2019.parentCode()).contains("60054");
    assertThat(in2019.current().code()).isEqualTo("60694");
    assertThat(territories.communeIn("60455", Year.of(2024)).get(0).parentCode()).contains("60694");
  }

  @Test
  void communeIn_beforeTheOldestMillesime_fallsBackOnFormerCodes() {
    // 20004: Ajaccio before the 1976 split of Corsica, in no millésime since 2019.
    assertThat(territories.communeIn("20004", Year.of(2019))).isEmpty();
    CommuneInYear ajaccio = territories.communeIn("20004", Year.of(1970)).get(0);
    assertThat(ajaccio.millesime()).isEmpty();
    assertThat(ajaccio.nom()).isEqualTo("Ajaccio");
    assertThat(ajaccio.current().code()).isEqualTo("2A004");
  }

  @Test
  void communeIn_whenCodeTypedWithSpacesOrLowerCase_readsItAsACode() {
    assertThat(territories.communeIn(" 93 059 ", Year.of(2024)))
        .extracting(CommuneInYear::nom)
        .containsExactly("Pierrefitte-sur-Seine");
    assertThat(territories.communeIn("2a004", Year.of(2022)))
        .extracting(CommuneInYear::nom)
        .containsExactly("Ajaccio");
  }

  @Test
  void communeIn_whenUnknownBlankOrHostile_isEmptyOrBadInput() {
    assertThat(territories.communeIn("99999", Year.of(2022))).isEmpty();
    assertThat(territories.communeIn("Atlantis", Year.of(2022))).isEmpty();
    assertThat(territories.communeIn("  --  ", Year.of(2022))).isEmpty();
    assertThatThrownBy(() -> territories.communeIn("a".repeat(201), Year.of(2022)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("codeOrName");
    assertThatThrownBy(() -> territories.communeIn(null, Year.of(2022)))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("codeOrName");
  }

  @Test
  void communeIn_everyHistoricalEntryLeadsToACurrentCommune() {
    for (Millesime m : territories.historyMillesimes()) {
      // Spot check over many codes: every hit has a current commune of the embedded millésime.
      for (Commune c : territories.communes(CommuneType.DELEGUEE)) {
        for (CommuneInYear hit : territories.communeIn(c.code(), Year.of(m.year()))) {
          assertThat(hit.current().millesime()).isEqualTo(territories.millesime());
          assertThat(hit.current().type())
              .isIn(CommuneType.ACTUELLE, CommuneType.ARRONDISSEMENT_MUNICIPAL);
        }
      }
    }
  }
}
