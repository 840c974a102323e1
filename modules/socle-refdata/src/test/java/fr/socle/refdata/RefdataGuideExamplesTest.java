package fr.socle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.SocleClientException;
import fr.socle.core.http.ProxySettings;
import fr.socle.refdata.geocoding.GeocodingClient;
import fr.socle.refdata.spi.ResponseCache;
import fr.socle.refdata.validation.InvalidIdentifierException;
import fr.socle.refdata.validation.InvalidReason;
import fr.socle.refdata.validation.Qualifier;
import fr.socle.refdata.validation.ValidationResult;
import fr.socle.refdata.validation.Validators;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The code examples of {@code docs/refdata.md}, compiled, with what the guide says they return. A
 * change here is a change of the guide, and the reverse.
 */
class RefdataGuideExamplesTest {
  private final Territories territories = Territories.embedded();

  private static List<String> codes(List<Commune> communes) {
    return communes.stream().map(Commune::code).toList();
  }

  @Test
  void territoriesSection() {
    Commune c = territories.commune("93059").orElseThrow();
    assertThat(c.code()).isEqualTo("93066");
    assertThat(c.nom()).isEqualTo("Saint-Denis");
    assertThat(c.siren()).contains("929939411");
    assertThat(c.postalCodes()).containsExactly("93200", "93210", "93380");
    assertThat(c.millesime().toString())
        .isEqualTo("COG 2026 (@etalab/decoupage-administratif 6.0.0)");
    assertThat(c.chefLieuRank()).isEqualTo(ChefLieuRank.ARRONDISSEMENT);

    assertThat(codes(territories.communesByPostalCode("93380"))).containsExactly("93066");
    assertThat(territories.departement("2A").orElseThrow().nom()).isEqualTo("Corse-du-Sud");
    Arrondissement arrondissement = territories.arrondissementOf(c).orElseThrow();
    assertThat(arrondissement.nom()).isEqualTo("Saint-Denis");
    assertThat(arrondissement.code()).isEqualTo("933");
    assertThat(territories.epciOf(c).orElseThrow().nom()).isEqualTo("Métropole du Grand Paris");
    assertThat(territories.eptOf(c).orElseThrow().nom()).isEqualTo("Plaine Commune");
    assertThat(territories.members(territories.ept("200057867").orElseThrow())).hasSize(8);

    List<Commune> stDenis = territories.search("st denis", 10);
    assertThat(stDenis.subList(0, 3))
        .extracting(Commune::code, Commune::departementCode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("97411", "974"),
            org.assertj.core.groups.Tuple.tuple("93066", "93"),
            org.assertj.core.groups.Tuple.tuple("11339", "11"));
    assertThat(codes(territories.search("Marseile", 3))).first().isEqualTo("13055");
    assertThat(codes(territories.search("75015", 5))).containsExactly("75056", "75115", "94015");
    assertThat(
            territories.search(
                CommuneSearch.of("saint", 20).inDepartement("93").ofTypes(CommuneType.ACTUELLE)))
        .extracting(Commune::nom)
        .containsExactly("Saint-Denis", "Saint-Ouen-sur-Seine");

    assertThat(territories.communeIn("Pierrefitte-sur-Seine", Year.of(2024)))
        .singleElement()
        .hasToString("Pierrefitte-sur-Seine (93059, commune-actuelle, COG 2024) -> 93066");
  }

  @Test
  void counts_andOrderOfTheGuide() {
    assertThat(territories.communes()).hasSize(34_875 + 94);
    assertThat(territories.communes().stream().filter(x -> x.zone() == Zone.COM)).hasSize(94);
    assertThat(territories.communes(CommuneType.DELEGUEE)).hasSize(2_105);
    assertThat(territories.communes(CommuneType.ASSOCIEE)).hasSize(471);
    assertThat(territories.communes(CommuneType.ARRONDISSEMENT_MUNICIPAL)).hasSize(45);
    assertThat(territories.arrondissements()).hasSize(333);
    assertThat(territories.departements()).hasSize(109);
    assertThat(territories.regions()).hasSize(26);
    assertThat(territories.epcis()).hasSize(1_255);
    assertThat(territories.epts()).hasSize(11);
    assertThat(
            territories.communes().stream()
                .flatMap(x -> x.postalCodes().stream())
                .distinct()
                .count())
        .isEqualTo(6_310);
    // "in INSEE code order up to Mayotte (976), then the overseas collectivities"
    List<Commune> all = territories.communes();
    List<Commune> cog = all.subList(0, 34_875);
    assertThat(cog).allSatisfy(x -> assertThat(x.zone()).isNotEqualTo(Zone.COM));
    assertThat(codes(cog)).isSorted();
    assertThat(all.get(34_874).departementCode()).isEqualTo("976");
    assertThat(codes(all.subList(34_875, all.size()))).isSorted();
    for (CommuneType t : List.of(CommuneType.DELEGUEE, CommuneType.ASSOCIEE)) {
      assertThat(codes(territories.communes(t))).isSorted();
    }
  }

  @Test
  void mergedCommunesSection() {
    assertThat(territories.commune("93059").orElseThrow().code()).isEqualTo("93066");
    assertThat(territories.commune("20004").orElseThrow().code()).isEqualTo("2A004");
    assertThat(territories.commune("60455").orElseThrow().code()).isEqualTo("60694");
    assertThat(territories.commune("55273").orElseThrow().code()).isEqualTo("55386");
    assertThat(territories.commune("93066", CommuneType.DELEGUEE)).isPresent();
  }

  @Test
  void earlierYearSection() {
    List<CommuneInYear> hits = territories.communeIn("93059", Year.of(2024));
    assertThat(hits.get(0).nom()).isEqualTo("Pierrefitte-sur-Seine");
    assertThat(hits.get(0).current().code()).isEqualTo("93066");
    assertThat(territories.communeIn("93059", Year.of(2025)).get(0).type())
        .isEqualTo(CommuneType.DELEGUEE);
    assertThat(territories.communeIn("20004", Year.of(1970)).get(0).current().code())
        .isEqualTo("2A004");
    CommuneInYear talican = territories.communeIn("Les Hauts Talican", Year.of(2019)).get(0);
    assertThat(talican.code()).isEqualTo("60054");
    assertThat(talican.current().nom()).isEqualTo("Beaumont-les-Nonains");
    assertThat(territories.commune("60694").orElseThrow().nom()).isEqualTo("Les Hauts-Talican");
    assertThat(territories.historyMillesimes())
        .extracting(m -> m.year() + " " + m.source().substring(m.source().lastIndexOf(' ') + 1))
        .containsExactly(
            "2019 0.8.0",
            "2021 1.1.1",
            "2022 2.3.1",
            "2023 3.1.1",
            "2024 4.1.0",
            "2025 5.3.0",
            "2026 6.0.0");
  }

  @Test
  void searchSection() {
    assertThat(codes(territories.search("saint-etienne", 1))).containsExactly("42218");
    assertThat(codes(territories.search("SAINT ÉTIENNE", 1))).containsExactly("42218");
    assertThat(codes(territories.search("saintet", 1))).containsExactly("42218");
    assertThat(codes(territories.search("ＰＡＲＩＳ", 1))).containsExactly("75056");
    assertThat(codes(territories.search("labergement", 5))).contains("01001");
    assertThat(territories.search("st", 1000)).extracting(Commune::nom).contains("Strasbourg");
    assertThat(territories.search("denis", 1000))
        .extracting(Commune::nom)
        .doesNotContain("Saint-Denis");
    assertThat(codes(territories.search("Y", 1))).containsExactly("80829");
    assertThat(territories.search("Bourg", 2)).extracting(Commune::nom).first().isEqualTo("Bourg");
    assertThat(codes(territories.search("Strasbour", 3))).contains("67482");
    assertThat(codes(territories.search("Bordaeux", 3))).contains("33063");
    assertThat(codes(territories.search("Parus", 10))).doesNotContain("75056");
    assertThat(codes(territories.search("69003", 3))).containsExactly("69003", "69123", "69383");
    assertThat(territories.search("93059", 2))
        .extracting(Commune::nom, Commune::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Saint-Denis", CommuneType.ACTUELLE),
            org.assertj.core.groups.Tuple.tuple("Pierrefitte-sur-Seine", CommuneType.DELEGUEE));
    assertThat(CommuneSearch.MAX_TEXT_LENGTH).isEqualTo(200);
    assertThat(
            territories.communes(CommuneType.ACTUELLE).stream()
                .mapToInt(x -> x.nom().length())
                .max())
        .hasValue(45);
    assertThatThrownBy(() -> territories.search("x".repeat(201), 5))
        .isInstanceOf(SocleClientException.class);
    assertThat(territories.search(" - ' ", 5)).isEmpty();
  }

  @Test
  void validatorsSection() {
    ValidationResult r = Validators.siret(" 732 829 320 00074 ");
    assertThat(r.isValid()).isTrue();
    assertThat(r.value()).isEqualTo(Optional.of("73282932000074"));
    assertThat(Validators.siren("732829321").reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.nir("2 95 10 99 126 111 93").qualifiers())
        .containsExactly(Qualifier.BORN_ABROAD);
    assertThat(Validators.communeCode("93059", Territories.embedded()).detail())
        .isEqualTo("former commune code, now 93066 in COG 2026");
    String input = "732 829 320 00079";
    assertThatThrownBy(() -> Validators.siret(input).orElseThrow())
        .isInstanceOf(InvalidIdentifierException.class);
    String siret = Validators.siret(" 732 829 320 00074 ").orElseThrow();
    assertThat(siret).isEqualTo("73282932000074");
    assertThat(Validators.rna("W9R2011523").isValid()).isTrue();
    assertThat(Validators.rna("W001234567").reason()).contains(InvalidReason.FORMAT);
  }

  @Test
  void clientsSection_builderCompilesAsShown() {
    try (GeocodingClient geocoder =
        GeocodingClient.builder()
            .baseUrl("https://geocoder.internal.example")
            .httpTransport(
                http ->
                    http.applicationName("mairie-de-demo/1.0 (dsi@mairie.fr)")
                        .deadline(Duration.ofSeconds(20))
                        .proxy(ProxySettings.http("proxy.mairie.local", 3128)))
            .cache(ResponseCache.inMemory(10_000), Duration.ofHours(6))
            .build()) {
      assertThat(geocoder).isNotNull();
    }
  }
}
