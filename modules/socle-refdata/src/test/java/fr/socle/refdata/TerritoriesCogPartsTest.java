package fr.socle.refdata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Arrondissements départementaux, EPT of the Métropole du Grand Paris and chef-lieu ranks. */
class TerritoriesCogPartsTest {
  private final Territories territories = Territories.embedded();

  @Test
  void arrondissements_holdThe333OfCog2026_andEveryCommuneKnowsItsOwn() {
    assertThat(territories.arrondissements()).hasSize(333);
    Arrondissement bourg = territories.arrondissement("012").orElseThrow();
    assertThat(bourg.nom()).isEqualTo("Bourg-en-Bresse");
    assertThat(bourg.chefLieu()).isEqualTo("01053");
    assertThat(bourg.departementCode()).isEqualTo("01");
    Commune abergement = territories.commune("01001").orElseThrow();
    assertThat(territories.arrondissementOf(abergement)).contains(bourg);
    assertThat(territories.arrondissement("2a1"))
        .get()
        .extracting(Arrondissement::departementCode)
        .isEqualTo("2A");
    // Every entry outside Mayotte and the overseas collectivities lies in a known arrondissement.
    for (CommuneType t : CommuneType.values()) {
      assertThat(territories.communes(t))
          .filteredOn(c -> c.zone() != Zone.COM && !c.departementCode().equals("976"))
          .allSatisfy(c -> assertThat(territories.arrondissementOf(c)).isPresent());
    }
    assertThat(territories.arrondissementOf(territories.commune("97611").orElseThrow())).isEmpty();
    assertThat(territories.arrondissement("999")).isEmpty();
  }

  @Test
  void epts_areThe11TerritoriesOfTheGrandParis_withTheirMembers() {
    assertThat(territories.epts()).hasSize(11);
    assertThat(territories.epts()).allSatisfy(e -> assertThat(e.type()).isEqualTo("EPT"));
    Epci plaine = territories.ept("200057867").orElseThrow();
    assertThat(plaine.nom()).isEqualTo("Plaine Commune");
    assertThat(territories.members(plaine)).extracting(Commune::code).contains("93066", "93001");
    assertThat(territories.eptOf(territories.commune("93066").orElseThrow())).contains(plaine);
    int members = territories.epts().stream().mapToInt(e -> territories.members(e).size()).sum();
    assertThat(members).isEqualTo(129);
    assertThat(territories.eptOf(territories.commune("75056").orElseThrow())).isEmpty();
    assertThat(territories.eptOf(territories.commune("01001").orElseThrow())).isEmpty();
    // An EPT is not an EPCI à fiscalité propre: the two lists do not mix.
    assertThat(territories.epci("200057867")).isEmpty();
  }

  @Test
  void chefLieuRank_isDerivedFromTheSeatsOfRegionsDepartementsAndArrondissements() {
    assertThat(rank("75056")).isEqualTo(ChefLieuRank.REGION);
    assertThat(rank("69123")).isEqualTo(ChefLieuRank.REGION);
    assertThat(rank("01053")).isEqualTo(ChefLieuRank.DEPARTEMENT);
    assertThat(rank("01034")).isEqualTo(ChefLieuRank.ARRONDISSEMENT);
    assertThat(rank("01001")).isEqualTo(ChefLieuRank.NONE);
    assertThat(territories.communes())
        .filteredOn(c -> c.chefLieuRank() == ChefLieuRank.DEPARTEMENT)
        .hasSize(83);
    assertThat(territories.communes(CommuneType.DELEGUEE))
        .allSatisfy(c -> assertThat(c.chefLieuRank()).isEqualTo(ChefLieuRank.NONE));
    for (Departement d : territories.departements()) {
      assertThat(rank(d.chefLieu()))
          .as(d.code())
          .isIn(ChefLieuRank.DEPARTEMENT, ChefLieuRank.REGION);
    }
  }

  private ChefLieuRank rank(String code) {
    return territories.commune(code, CommuneType.ACTUELLE).orElseThrow().chefLieuRank();
  }
}
