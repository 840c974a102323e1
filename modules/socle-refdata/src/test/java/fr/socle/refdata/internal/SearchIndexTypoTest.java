package fr.socle.refdata.internal;

import static org.assertj.core.api.Assertions.assertThat;

import fr.socle.refdata.Commune;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The search tiers (whole key, prefix, one slip) against a brute force over every key: the typo
 * tier looks slips up by binary search near the start of the text and scans the rest, and must find
 * exactly what comparing the text with every key finds.
 */
class SearchIndexTypoTest {
  private static final Commune[] COMMUNES =
      CogResource.loadEmbedded().communes().toArray(new Commune[0]);
  private static final SearchIndex INDEX = new SearchIndex(COMMUNES);
  private static final String[] FOLDED =
      IntStream.range(0, COMMUNES.length)
          .mapToObj(i -> NameFolding.fold(COMMUNES[i].nom()))
          .toArray(String[]::new);

  private static List<Commune> bruteForce(String q, int limit) {
    Comparator<Integer> byPopulation =
        Comparator.comparingInt((Integer i) -> -COMMUNES[i].population().orElse(-1))
            .thenComparing(i -> FOLDED[i])
            .thenComparingInt(i -> i);
    List<Integer> exact = new ArrayList<>();
    List<Integer> prefix = new ArrayList<>();
    List<Integer> slipLate = new ArrayList<>();
    List<Integer> slipAny = new ArrayList<>();
    for (int i = 0; i < COMMUNES.length; i++) {
      String k = FOLDED[i];
      if (k.equals(q)) {
        exact.add(i);
      } else if (k.startsWith(q)) {
        prefix.add(i);
      } else if (SearchIndex.oneSlipPrefix(k, q)) {
        slipAny.add(i);
        if (k.length() >= 2 && k.regionMatches(0, q, 0, 2)) {
          slipLate.add(i);
        }
      }
    }
    List<Integer> out = new ArrayList<>();
    for (List<Integer> tier : List.of(exact, prefix)) {
      tier.sort(byPopulation);
      tier.stream().limit(limit - out.size()).forEach(out::add);
    }
    if (out.size() < limit && q.length() >= SearchIndex.MIN_TYPO_LENGTH - 1) {
      List<Integer> typos = out.isEmpty() && slipLate.isEmpty() ? slipAny : slipLate;
      typos.sort(byPopulation);
      typos.stream().limit(limit - out.size()).forEach(out::add);
    }
    return out.stream().map(i -> COMMUNES[i]).toList();
  }

  private static String slip(String s, int kind, int i, char letter) {
    return switch (kind) {
      case 0 -> s.substring(0, i) + s.substring(i + 1);
      case 1 -> s.substring(0, i) + letter + s.substring(i + 1);
      case 2 -> s.substring(0, i) + letter + s.substring(i);
      default ->
          i + 1 < s.length()
              ? s.substring(0, i) + s.charAt(i + 1) + s.charAt(i) + s.substring(i + 2)
              : s;
    };
  }

  @Test
  void typoTier_findsWhatABruteForceOverEveryKeyFinds() {
    Random random = new Random(13);
    int checked = 0;
    for (int n = 0; n < 800; n++) {
      String name = FOLDED[random.nextInt(FOLDED.length)];
      if (name.length() < 5) {
        continue;
      }
      int cut = 5 + random.nextInt(name.length() - 4); // what has been typed so far
      String typed = name.substring(0, cut);
      int pos = random.nextInt(typed.length());
      String q = slip(typed, random.nextInt(4), pos, (char) ('a' + random.nextInt(26)));
      // The tiers are concatenated and cut at the limit: one brute force serves every limit.
      List<Commune> expected = bruteForce(q, 50);
      for (int limit : new int[] {3, 10, 50}) {
        assertThat(INDEX.search(List.of(q), limit, i -> true))
            .as("%s / %d", q, limit)
            .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(500);
  }

  @Test
  void oneSlipPrefix_acceptsTheFourSlipsAndNothingElse() {
    String key = "marseille";
    assertThat(SearchIndex.oneSlipPrefix(key, "marseile")).isTrue(); // left out
    assertThat(SearchIndex.oneSlipPrefix(key, "marsxille")).isTrue(); // replaced
    assertThat(SearchIndex.oneSlipPrefix(key, "marseeille")).isTrue(); // added
    assertThat(SearchIndex.oneSlipPrefix(key, "marseillee")).isTrue(); // added at the end
    assertThat(SearchIndex.oneSlipPrefix("marseille\u0001\u0100\u0100", "marseillee")).isTrue();
    assertThat(SearchIndex.oneSlipPrefix(key, "maresille")).isTrue(); // swapped
    assertThat(SearchIndex.oneSlipPrefix(key, "marseille")).isFalse(); // a plain prefix
    assertThat(SearchIndex.oneSlipPrefix(key, "masreile")).isFalse(); // two slips
    assertThat(SearchIndex.oneSlipPrefix("paris", "parus")).isFalse(); // too short a name
    // An index key ends with a mark: the end of "Crouy" is not a letter one could have replaced.
    assertThat(SearchIndex.oneSlipPrefix("crouy\u0001\u0100\u0100", "crouys")).isFalse();
  }
}
