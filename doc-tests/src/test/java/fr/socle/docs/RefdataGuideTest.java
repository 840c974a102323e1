package fr.socle.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.core.Secret;
import fr.socle.refdata.ChefLieuRank;
import fr.socle.refdata.Commune;
import fr.socle.refdata.CommuneInYear;
import fr.socle.refdata.CommuneSearch;
import fr.socle.refdata.CommuneType;
import fr.socle.refdata.Territories;
import fr.socle.refdata.geocoding.GeocodingClient;
import fr.socle.refdata.sirene.SireneClient;
import fr.socle.refdata.sirene.UniteLegale;
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
 * The examples of docs/refdata.md, run on the embedded reference data; what the comments of the
 * guide say each call returns is asserted.
 */
class RefdataGuideTest {
  static List<String> names(List<Commune> communes) {
    return communes.stream().map(Commune::nom).toList();
  }

  @Test
  void territories_asShown() {
    // snippet: refdata-territories
    Territories territories = Territories.embedded(); // loaded once, on first use

    Commune c = territories.commune("93059").orElseThrow(); // Pierrefitte-sur-Seine, merged in 2025
    c.code(); // "93066" — Saint-Denis, the current commune
    c.siren(); // Optional[929939411]
    c.postalCodes(); // [93200, 93210, 93380]
    c.millesime(); // COG 2026 (@etalab/decoupage-administratif 6.0.0)
    c.chefLieuRank(); // ARRONDISSEMENT — Saint-Denis is a sous-préfecture

    territories.communesByPostalCode("93380"); // [Saint-Denis]
    territories.departement("2A"); // Corse-du-Sud
    territories.arrondissementOf(c); // Saint-Denis (933)
    territories.epciOf(c); // Métropole du Grand Paris
    territories.eptOf(c); // Plaine Commune
    territories.members(territories.ept("200057867").orElseThrow()); // its 8 communes

    territories.search(
        "st denis", 10); // Saint-Denis (974), Saint-Denis (93), Saint-Denis (11), ...
    territories.search("Marseile", 3); // Marseille first: one slip is forgiven
    territories.search("75015", 5); // Paris, Paris 15e Arrondissement, Bry-sur-Marne
    territories.search(
        CommuneSearch.of("saint", 20).inDepartement("93").ofTypes(CommuneType.ACTUELLE));
    // Saint-Denis, Saint-Ouen-sur-Seine

    territories.communeIn("Pierrefitte-sur-Seine", Year.of(2024));
    // [Pierrefitte-sur-Seine (93059, commune-actuelle, COG 2024) -> 93066]
    // end snippet

    assertThat(c.code()).isEqualTo("93066");
    assertThat(c.nom()).isEqualTo("Saint-Denis");
    assertThat(c.siren()).contains("929939411");
    assertThat(c.postalCodes()).containsExactly("93200", "93210", "93380");
    assertThat(c.millesime().year()).isEqualTo(2026);
    assertThat(c.chefLieuRank()).isEqualTo(ChefLieuRank.ARRONDISSEMENT);
    assertThat(names(territories.communesByPostalCode("93380"))).containsExactly("Saint-Denis");
    assertThat(territories.departement("2A").orElseThrow().nom()).isEqualTo("Corse-du-Sud");
    assertThat(territories.arrondissementOf(c).orElseThrow().code()).isEqualTo("933");
    assertThat(territories.epciOf(c).orElseThrow().nom()).isEqualTo("Métropole du Grand Paris");
    assertThat(territories.eptOf(c).orElseThrow().nom()).isEqualTo("Plaine Commune");
    assertThat(territories.members(territories.ept("200057867").orElseThrow())).hasSize(8);
    assertThat(territories.search("st denis", 10))
        .extracting(Commune::nom, Commune::departementCode)
        .startsWith(
            org.assertj.core.groups.Tuple.tuple("Saint-Denis", "974"),
            org.assertj.core.groups.Tuple.tuple("Saint-Denis", "93"),
            org.assertj.core.groups.Tuple.tuple("Saint-Denis", "11"));
    assertThat(names(territories.search("Marseile", 3))).first().isEqualTo("Marseille");
    assertThat(names(territories.search("75015", 5)))
        .startsWith("Paris", "Paris 15e Arrondissement", "Bry-sur-Marne");
    assertThat(
            names(
                territories.search(
                    CommuneSearch.of("saint", 20)
                        .inDepartement("93")
                        .ofTypes(CommuneType.ACTUELLE))))
        .containsExactly("Saint-Denis", "Saint-Ouen-sur-Seine");
    assertThat(territories.communeIn("Pierrefitte-sur-Seine", Year.of(2024)))
        .singleElement()
        .satisfies(
            hit -> {
              assertThat(hit.code()).isEqualTo("93059");
              assertThat(hit.current().code()).isEqualTo("93066");
            });
  }

  @Test
  void history_asShown() {
    Territories territories = Territories.embedded();
    // snippet: refdata-history
    List<CommuneInYear> hits = territories.communeIn("93059", Year.of(2024));
    hits.get(0).nom(); // "Pierrefitte-sur-Seine", a commune in COG 2024
    hits.get(0).current().code(); // "93066", Saint-Denis today
    territories.communeIn("93059", Year.of(2025)).get(0).type(); // DELEGUEE, after the merger
    territories.communeIn("20004", Year.of(1970)).get(0).current().code(); // "2A004" (Ajaccio)
    // end snippet
    assertThat(hits.get(0).nom()).isEqualTo("Pierrefitte-sur-Seine");
    assertThat(hits.get(0).current().code()).isEqualTo("93066");
    assertThat(territories.communeIn("93059", Year.of(2025)).get(0).type())
        .isEqualTo(CommuneType.DELEGUEE);
    assertThat(territories.communeIn("20004", Year.of(1970)).get(0).current().code())
        .isEqualTo("2A004");
  }

  @Test
  void validators_asShown() {
    String input = "732 829 320 00074";
    // snippet: refdata-validators
    ValidationResult r = Validators.siret(" 732 829 320 00074 ");
    r.isValid(); // true
    r.value(); // Optional[73282932000074] — normalised
    Validators.siren("732829321").reason(); // Optional[CHECKSUM]
    Validators.nir("2 95 10 99 126 111 93").qualifiers(); // [BORN_ABROAD]
    Validators.communeCode("93059", Territories.embedded()).detail();
    // "former commune code, now 93066 in COG 2026"
    String siret = Validators.siret(input).orElseThrow(); // or InvalidIdentifierException
    // end snippet
    assertThat(r.isValid()).isTrue();
    assertThat(r.value()).contains("73282932000074");
    assertThat(Validators.siren("732829321").reason()).contains(InvalidReason.CHECKSUM);
    assertThat(Validators.nir("2 95 10 99 126 111 93").qualifiers())
        .containsExactly(Qualifier.BORN_ABROAD);
    assertThat(Validators.communeCode("93059", Territories.embedded()).detail())
        .contains("former commune code, now 93066 in COG 2026");
    assertThat(siret).isEqualTo("73282932000074");
    assertThatThrownBy(() -> Validators.siret("73282932000075").orElseThrow())
        .isInstanceOf(InvalidIdentifierException.class)
        .isInstanceOf(InvalidInputException.class);
  }

  @Test
  void geocodingClient_isBuiltWithTheDefaultHttpSettings() {
    // snippet: refdata-geocoding-client
    GeocodingClient geocoder =
        GeocodingClient.builder()
            .baseUrl("https://geocoder.internal.example") // a self-hosted addok, a mirror, a stub
            .cache(ResponseCache.inMemory(10_000), Duration.ofHours(6)) // off by default
            .build();
    // end snippet
    assertThat(geocoder.toString()).contains("geocoder.internal.example");
    geocoder.close();
  }

  // snippet: refdata-invalid-input
  Optional<UniteLegale> company(String input) {
    try {
      return sirene.uniteLegale(Validators.siren(input).orElseThrow());
    } catch (InvalidInputException e) { // also InvalidIdentifierException: ask the user again
      return Optional.empty();
    }
  }

  // end snippet

  final SireneClient sirene = SireneClient.builder().apiKey(Secret.of("sirene-api-key")).build();

  @Test
  void invalidInput_isRefusedBeforeAnyCall() {
    assertThat(company("732829321")).isEmpty(); // bad check digit: Sirene is never called
    assertThat(company("SIREN")).isEmpty();
    sirene.close();
  }
}
