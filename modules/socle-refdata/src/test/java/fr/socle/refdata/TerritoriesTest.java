package fr.socle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.refdata.internal.NameFolding;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TerritoriesTest {
  private final Territories territories = Territories.embedded();

  @Test
  void embedded_whenLoaded_holdsCog2026CountsOfTheSpec() {
    assertThat(territories.millesime().year()).isEqualTo(2026);
    assertThat(territories.millesime().source()).isEqualTo("@etalab/decoupage-administratif 6.0.0");
    // 34 875 COG communes + 94 entries of overseas collectivities.
    assertThat(territories.communes()).hasSize(34_969);
    assertThat(territories.departements()).hasSize(109);
    assertThat(territories.regions()).hasSize(26);
    assertThat(territories.epcis()).hasSize(1255);
    long sum = territories.communes().stream().mapToLong(c -> c.population().orElse(0)).sum();
    assertThat(sum).isEqualTo(68_952_941L);
  }

  @Test
  void names_areDecodedAsUtf8_withoutMojibake() {
    for (CommuneType t : CommuneType.values()) {
      assertThat(territories.communes(t))
          .allSatisfy(c -> assertThat(c.nom()).doesNotContain("\uFFFD", "Ã", "Å"));
    }
    assertThat(territories.region("11").orElseThrow().nom()).isEqualTo("Île-de-France");
    assertThat(territories.search("cœuvres", 5)).isNotEmpty();
  }

  @Test
  void communesByType_countsMatchTheCog() {
    assertThat(territories.communes(CommuneType.ACTUELLE)).hasSize(34_969);
    assertThat(territories.communes(CommuneType.DELEGUEE)).hasSize(2_105);
    assertThat(territories.communes(CommuneType.ASSOCIEE)).hasSize(471);
    assertThat(territories.communes(CommuneType.ARRONDISSEMENT_MUNICIPAL)).hasSize(45);
  }

  @Test
  void embedded_whenCalledFromManyThreads_returnsOneInstance() {
    List<Territories> seen =
        IntStream.range(0, 8)
            .mapToObj(i -> CompletableFuture.supplyAsync(Territories::embedded))
            .map(CompletableFuture::join)
            .toList();
    assertThat(seen).allSatisfy(t -> assertThat(t).isSameAs(territories));
  }

  @Test
  void commune_whenCurrentCode_returnsItWithItsMillesime() {
    Commune c = territories.commune("01001").orElseThrow();
    assertThat(c.nom()).isEqualTo("L'Abergement-Clémenciat");
    assertThat(c.type()).isEqualTo(CommuneType.ACTUELLE);
    assertThat(c.siren()).contains("210100012");
    assertThat(c.postalCodes()).containsExactly("01400");
    assertThat(c.population()).hasValue(860);
    assertThat(c.departementCode()).isEqualTo("01");
    assertThat(c.regionCode()).isEqualTo("84");
    assertThat(c.zone()).isEqualTo(Zone.METRO);
    assertThat(c.millesime()).isEqualTo(territories.millesime());
    assertThat(c.epciCode()).isPresent();
  }

  @Test
  void commune_whenCodeOfMergedCommune_resolvesToCurrentCommune() {
    Commune c = territories.commune("93059").orElseThrow();
    assertThat(c.code()).isEqualTo("93066");
    assertThat(c.nom()).isEqualTo("Saint-Denis");
    assertThat(c.siren()).contains("929939411");
    assertThat(c.postalCodes()).containsExactly("93200", "93210", "93380");
    assertThat(c.formerCodes()).containsExactly("75059", "75066", "93059");
  }

  @Test
  void commune_whenPre1976CorsicanCode_resolvesToAjaccio() {
    assertThat(territories.commune("20004")).get().extracting(Commune::code).isEqualTo("2A004");
    assertThat(territories.commune(" 2a004 ")).get().extracting(Commune::nom).isEqualTo("Ajaccio");
  }

  @Test
  void commune_byType_distinguishesDelegueSharingTheCode() {
    Commune delegue = territories.commune("93066", CommuneType.DELEGUEE).orElseThrow();
    assertThat(delegue.type()).isEqualTo(CommuneType.DELEGUEE);
    assertThat(delegue.parentCode()).contains("93066");
    assertThat(delegue.siren()).isEmpty();
    Commune pierrefitte = territories.commune("93059", CommuneType.DELEGUEE).orElseThrow();
    assertThat(pierrefitte.nom()).isEqualTo("Pierrefitte-sur-Seine");
    assertThat(territories.commune("93059", CommuneType.ACTUELLE)).isEmpty();
  }

  @Test
  void commune_whenDelegueOfOneAndFormerCodeOfAnother_resolvesToItsCurrentCogLink() {
    // 60455 La Neuville-Garnier: déléguée of 60694 in COG 2026, also an anciensCode of 60054.
    assertThat(territories.commune("60455")).get().extracting(Commune::code).isEqualTo("60694");
    // 55273 Lamarche-en-Woëvre: associée of 55386, also an anciensCode of 55245.
    assertThat(territories.commune("55273")).get().extracting(Commune::code).isEqualTo("55386");
  }

  @Test
  void commune_whenArrondissement_returnsItWithItsCity() {
    Commune arm = territories.commune("13201").orElseThrow();
    assertThat(arm.type()).isEqualTo(CommuneType.ARRONDISSEMENT_MUNICIPAL);
    assertThat(arm.parentCode()).contains("13055");
    assertThat(arm.postalCodes()).containsExactly("13001");
  }

  @Test
  void commune_whenUnknownOrMalformed_isEmpty() {
    assertThat(territories.commune("99999")).isEmpty();
    assertThat(territories.commune("")).isEmpty();
    assertThat(territories.commune("2C004")).isEmpty();
    assertThat(territories.isCurrentCode("93059")).isFalse();
    assertThat(territories.isCurrentCode("93066")).isTrue();
  }

  @Test
  void communesByPostalCode_whenSharedCode_returnsEveryCommune() {
    assertThat(territories.communesByPostalCode("93380"))
        .extracting(Commune::code)
        .contains("93066");
    assertThat(territories.communesByPostalCode("75001"))
        .extracting(Commune::code)
        .containsExactlyInAnyOrder("75056", "75101");
    assertThat(territories.communesByPostalCode("93066")).isEmpty();
  }

  @Test
  void departementRegionEpci_whenKnown_areFound() {
    assertThat(territories.departement("2a"))
        .get()
        .extracting(Departement::nom)
        .isEqualTo("Corse-du-Sud");
    assertThat(territories.departement("971").orElseThrow().zone()).isEqualTo(Zone.DROM);
    assertThat(territories.region("11").orElseThrow().nom()).isEqualTo("Île-de-France");
    Epci epci = territories.epci("200000172").orElseThrow();
    assertThat(epci.type()).isEqualTo("CC");
    List<Commune> members = territories.members(epci);
    assertThat(members)
        .hasSize(epci.memberCodes().size())
        .extracting(Commune::code)
        .contains("74042");
    assertThat(territories.epciOf(members.get(0))).contains(epci);
    assertThat(territories.departement("00")).isEmpty();
  }

  @Test
  void search_ignoresAccentsCaseHyphensApostrophesAndSaintAbbreviation() {
    assertThat(territories.search("st etienne", 1))
        .extracting(Commune::code)
        .containsExactly("42218");
    assertThat(territories.search("SAINT-ÉTIENNE", 1))
        .extracting(Commune::code)
        .containsExactly("42218");
    assertThat(territories.search("saintet", 1)).extracting(Commune::code).containsExactly("42218");
    assertThat(territories.search("l'abergement-clemenciat", 5))
        .extracting(Commune::code)
        .contains("01001");
    assertThat(territories.search("labergement clém", 5))
        .extracting(Commune::code)
        .contains("01001");
    assertThat(territories.search("ste maxime", 5))
        .extracting(Commune::nom)
        .contains("Sainte-Maxime");
  }

  @Test
  void search_whenLastTokenIsSt_alsoMatchesNamesStartingWithSt() {
    List<String> names = territories.search("st", 1000).stream().map(Commune::nom).toList();
    assertThat(names).contains("Strasbourg", "Saint-Denis");
  }

  @Test
  void search_ranksByPopulation() {
    List<Commune> hits = territories.search("sain", 10);
    assertThat(hits).hasSize(10);
    assertThat(hits.get(0).nom()).isEqualTo("Saint-Étienne");
    for (int i = 1; i < hits.size(); i++) {
      assertThat(hits.get(i - 1).population().orElse(-1))
          .isGreaterThanOrEqualTo(hits.get(i).population().orElse(-1));
    }
    assertThat(territories.search("paris", 3)).extracting(Commune::code).first().isEqualTo("75056");
  }

  @Test
  void search_withFilters_keepsOnlyMatchingDepartementAndType() {
    List<Commune> hits =
        territories.search(
            CommuneSearch.of("saint", 50).inDepartement("93").ofTypes(CommuneType.ACTUELLE));
    assertThat(hits)
        .isNotEmpty()
        .allSatisfy(
            c -> {
              assertThat(c.departementCode()).isEqualTo("93");
              assertThat(c.type()).isEqualTo(CommuneType.ACTUELLE);
            });
    assertThat(hits.get(0).code()).isEqualTo("93066");
    List<Commune> delegues =
        territories.search(CommuneSearch.of("pierrefitte", 10).ofTypes(CommuneType.DELEGUEE));
    assertThat(delegues).extracting(Commune::code).contains("93059");
  }

  @Test
  void search_whenNothingMatchesOrNoLetters_isEmpty() {
    assertThat(territories.search("zzzzqx", 10)).isEmpty();
    assertThat(territories.search(" - ' ", 10)).isEmpty();
  }

  @Test
  void search_whenLimitOutOfRange_throws() {
    assertThatThrownBy(() -> territories.search("a", 0))
        .isInstanceOf(fr.socle.core.SocleClientException.class);
    assertThatThrownBy(() -> territories.search("a", 1001))
        .isInstanceOf(fr.socle.core.SocleClientException.class);
  }

  @Test
  void search_scanAndWalkStrategies_agreeWithBruteForce() {
    // Small prefixes take the population walk, long ones the range scan: both must equal a
    // brute-force answer (whole-name matches first, then by population). The texts are shorter than
    // the typo threshold, so no typo match joins in.
    for (String q : List.of("s", "sa", "sain", "saint-m", "mont", "le", "pa", "bo", "ch", "vil")) {
      for (int limit : List.of(1, 10, 200)) {
        List<Commune> expected = bruteForce(NameFolding.fold(q), limit);
        assertThat(territories.search(q, limit)).as(q + "/" + limit).isEqualTo(expected);
      }
    }
  }

  private static final List<Commune> ALL =
      fr.socle.refdata.internal.CogResource.loadEmbedded().communes();

  private static List<Commune> bruteForce(String prefix, int limit) {
    return ALL.stream()
        .filter(c -> NameFolding.fold(c.nom()).startsWith(prefix))
        .sorted(
            Comparator.comparingInt((Commune c) -> NameFolding.fold(c.nom()).equals(prefix) ? 0 : 1)
                .thenComparingInt((Commune c) -> -c.population().orElse(-1))
                .thenComparing(c -> NameFolding.fold(c.nom())))
        .limit(limit)
        .toList();
  }
}
