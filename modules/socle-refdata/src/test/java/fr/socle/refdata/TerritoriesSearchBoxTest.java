package fr.socle.refdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.socle.core.InvalidInputException;
import fr.socle.refdata.internal.NameFolding;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What citizens type into a "commune" field: names, codes, full-width letters, typos. */
class TerritoriesSearchBoxTest {
  private final Territories territories = Territories.embedded();

  private List<String> codes(String text, int limit) {
    return territories.search(text, limit).stream().map(Commune::code).toList();
  }

  @Test
  void search_whenExactName_ranksItFirst() {
    assertThat(codes("Y", 10)).first().isEqualTo("80829");
    assertThat(codes("Saint-Pierre", 10)).contains("97502");
    assertThat(codes("Villeneuve", 10)).first().isEqualTo("04242");
    assertThat(codes("Bourg", 10)).first().isEqualTo("33067");
    assertThat(codes("paris", 3)).first().isEqualTo("75056");
  }

  @Test
  void search_whenFullNameOfAnyCurrentCommune_findsItInTheFirstTen() {
    Map<String, Long> homonyms =
        territories.communes().stream()
            .collect(Collectors.groupingBy(c -> NameFolding.fold(c.nom()), Collectors.counting()));
    List<Commune> missed =
        territories.communes().stream()
            .filter(c -> homonyms.get(NameFolding.fold(c.nom())) <= 10)
            .filter(c -> !territories.search(c.nom(), 10).contains(c))
            .toList();
    assertThat(missed).isEmpty();
  }

  @Test
  void search_whenInseeCode_returnsTheCommuneFirst() {
    assertThat(codes("69003", 10)).first().isEqualTo("69003");
    // 69003 is also the postal code of Lyon 3e: those communes follow.
    assertThat(codes("69003", 10)).contains("69383", "69123");
    assertThat(codes("2A004", 10)).first().isEqualTo("2A004");
    assertThat(codes(" 2a004 ", 10)).first().isEqualTo("2A004");
  }

  @Test
  void search_whenFormerCode_resolvesItToTheCurrentCommuneFirst() {
    List<Commune> hits = territories.search("93059", 10);
    assertThat(hits.get(0).code()).isEqualTo("93066");
    assertThat(hits.get(0).type()).isEqualTo(CommuneType.ACTUELLE);
    assertThat(hits)
        .filteredOn(c -> c.type() == CommuneType.DELEGUEE)
        .extracting(Commune::nom)
        .containsExactly("Pierrefitte-sur-Seine");
    assertThat(hits.indexOf(hits.stream().filter(c -> !c.isCurrent()).findFirst().orElseThrow()))
        .isGreaterThan(0);
  }

  @Test
  void search_whenPostalCode_returnsTheCommunesItServes() {
    // 75015 is also the code Bry-sur-Marne (94015) had in the Seine before 1968: it comes after.
    assertThat(codes("75015", 10)).containsExactly("75056", "75115", "94015");
    assertThat(codes("75 015", 10)).containsExactly("75056", "75115", "94015");
    assertThat(codes("97411", 10)).first().isEqualTo("97411");
    assertThat(territories.search(CommuneSearch.of("75015", 10).ofTypes(CommuneType.ACTUELLE)))
        .extracting(Commune::code)
        .containsExactly("75056", "94015");
    assertThat(codes("00000", 10)).isEmpty();
  }

  @Test
  void search_whenFullWidthLetters_foldsThemLikeAscii() {
    assertThat(codes("ＰＡＲＩＳ", 1)).containsExactly("75056");
    assertThat(codes("ｓｔ　ｅｔｉｅｎｎｅ", 1)).containsExactly("42218");
    assertThat(codes("６９００３", 1)).containsExactly("69003");
  }

  @Test
  void search_whenTextLongerThan200Characters_isBadInput() {
    assertThat(territories.search("a".repeat(200), 10)).isEmpty();
    assertThatThrownBy(() -> territories.search("a".repeat(201), 10))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("200");
    assertThatThrownBy(() -> territories.search("a", 0)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void search_whenOneLetterSlip_stillFindsTheCommuneInTheTopThree() {
    Map<String, String> typos =
        Map.of(
            "Marseile", "13055",
            "Strasbour", "67482",
            "Bordeau", "33063",
            "Toulouze", "31555",
            "Montpelier", "34172",
            "Nantse", "44109",
            "Rennnes", "35238",
            "Grenoblr", "38185",
            "Mrseille", "13055",
            "Perpigan", "66136");
    typos.forEach((typed, code) -> assertThat(codes(typed, 3)).as(typed).contains(code));
  }

  @Test
  void search_typoMatches_comeAfterExactAndPrefixMatches() {
    // "Nantes" typed with a slip as "Nanter": Nanterre starts with it and comes first.
    List<String> hits = codes("Nanter", 5);
    assertThat(hits).first().isEqualTo("92050");
    assertThat(hits).contains("44109");
    // A name shorter than 6 letters gets no typo matches: too many names are one letter away.
    assertThat(codes("Parus", 10)).doesNotContain("75056");
    assertThat(codes("Lillle", 10)).doesNotContain("59350");
  }

  @Test
  void search_whenSlipAtEveryPositionOfLargeCities_findsThemInTheTopThree() {
    List<Commune> cities =
        territories.communes().stream()
            .filter(c -> c.population().orElse(0) > 150_000)
            .filter(c -> NameFolding.fold(c.nom()).length() >= 6)
            .filter(c -> c.nom().chars().allMatch(Character::isLetter))
            .toList();
    assertThat(cities).hasSizeGreaterThan(10);
    for (Commune c : cities) {
      String name = NameFolding.fold(c.nom());
      for (int i = 1; i < name.length(); i++) {
        for (Function<String, String> slip : slips(i)) {
          String typed = slip.apply(name);
          assertThat(codes(typed, 3)).as(typed).contains(c.code());
        }
      }
    }
  }

  private static List<Function<String, String>> slips(int i) {
    return List.of(
        s -> s.substring(0, i) + s.substring(i + 1), // a letter left out
        s -> s.substring(0, i) + 'x' + s.substring(i + 1), // a wrong letter
        s -> s.substring(0, i) + s.charAt(i) + s.substring(i), // a letter doubled
        s ->
            i + 1 < s.length()
                ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2)
                : s);
  }
}
