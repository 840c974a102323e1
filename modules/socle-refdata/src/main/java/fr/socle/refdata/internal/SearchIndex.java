package fr.socle.refdata.internal;

import fr.socle.refdata.Commune;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Prefix search over folded names, ranked by population.
 *
 * <p>Keys are sorted, so the names starting with a prefix form a contiguous range of ranks, found
 * by binary search. The top results of a range are then found one of two ways, whichever is
 * cheaper: scan the range keeping the best {@code limit} (small ranges), or walk all communes in
 * population order and keep those whose rank falls in the range (large ranges: for a prefix
 * matching one name in ten, the first ten hits come after about a hundred steps). Both compare ints
 * only.
 */
public final class SearchIndex {
  private final Commune[] communes;
  private final String[] keys; // sorted
  private final int[] communeAtRank;
  private final int[] rankOf;
  private final int[] byPopulation; // commune indices, most populated first
  private final int[] order; // commune index -> position in byPopulation

  /**
   * Builds the index.
   *
   * @param communes the searchable entries
   */
  public SearchIndex(Commune[] communes) {
    this.communes = communes;
    int n = communes.length;
    // Sort "key + index" strings: plain String ordering, no boxing or comparator on the cold
    // path. The suffix starts with U+0001, below any folded character, so a key sorts before its
    // extensions and the ranges of prefixes are unchanged; ties keep the dataset order.
    String[] tagged = new String[n];
    for (int i = 0; i < n; i++) {
      tagged[i] = NameFolding.fold(communes[i].nom()) + SUFFIX_MARK + tag(i);
    }
    Arrays.sort(tagged);
    keys = tagged;
    communeAtRank = new int[n];
    rankOf = new int[n];
    for (int r = 0; r < n; r++) {
      String k = tagged[r];
      int idx = untag(k);
      communeAtRank[r] = idx;
      rankOf[idx] = r;
    }
    // Population order, most populated first, ties in name order: one primitive sort of
    // (-(population + 1), rank) packed in longs.
    long[] packed = new long[n];
    for (int r = 0; r < n; r++) {
      int pop = communes[communeAtRank[r]].population().orElse(-1);
      packed[r] = ((long) -(pop + 1) << 32) | r;
    }
    Arrays.sort(packed);
    byPopulation = new int[n];
    order = new int[n];
    for (int p = 0; p < n; p++) {
      int c = communeAtRank[(int) packed[p]];
      byPopulation[p] = c;
      order[c] = p;
    }
  }

  private static final char SUFFIX_MARK = '\u0001';

  private static String tag(int i) {
    return new String(new char[] {(char) (0x100 + (i >>> 15)), (char) (0x100 + (i & 0x7FFF))});
  }

  private static int untag(String k) {
    int len = k.length();
    return ((k.charAt(len - 2) - 0x100) << 15) | (k.charAt(len - 1) - 0x100);
  }

  /**
   * Finds the most populated entries whose key starts with one of the prefixes.
   *
   * @param prefixes folded prefixes (disjoint ranges)
   * @param limit the maximum number of results
   * @param accept a filter on commune indices
   * @return the entries, most populated first
   */
  public List<Commune> search(List<String> prefixes, int limit, IntPredicate accept) {
    int ranges = prefixes.size();
    int[] lo = new int[ranges];
    int[] hi = new int[ranges];
    long total = 0;
    for (int i = 0; i < ranges; i++) {
      String p = prefixes.get(i);
      lo[i] = lowerBound(p);
      hi[i] = lowerBound(p + Character.MAX_VALUE);
      total += hi[i] - lo[i];
    }
    if (total == 0) {
      return List.of();
    }
    // Scan costs ~total steps; the walk ~n * limit / total (filters assumed not selective).
    return total * total <= 4L * communes.length * limit
        ? scan(lo, hi, limit, accept)
        : walk(lo, hi, limit, accept);
  }

  private List<Commune> scan(int[] lo, int[] hi, int limit, IntPredicate accept) {
    int[] best = new int[limit]; // positions in population order, ascending
    int size = 0;
    for (int i = 0; i < lo.length; i++) {
      for (int r = lo[i]; r < hi[i]; r++) {
        int c = communeAtRank[r];
        int o = order[c];
        if ((size == limit && o >= best[size - 1]) || !accept.test(c)) {
          continue;
        }
        int pos = size == limit ? limit - 1 : size++;
        while (pos > 0 && best[pos - 1] > o) {
          best[pos] = best[pos - 1];
          pos--;
        }
        best[pos] = o;
      }
    }
    List<Commune> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(communes[byPopulation[best[i]]]);
    }
    return out;
  }

  private List<Commune> walk(int[] lo, int[] hi, int limit, IntPredicate accept) {
    List<Commune> out = new ArrayList<>(limit);
    for (int p = 0; p < byPopulation.length && out.size() < limit; p++) {
      int c = byPopulation[p];
      int r = rankOf[c];
      for (int i = 0; i < lo.length; i++) {
        if (r >= lo[i] && r < hi[i]) {
          if (accept.test(c)) {
            out.add(communes[c]);
          }
          break;
        }
      }
    }
    return out;
  }

  private int lowerBound(String key) {
    int a = 0;
    int b = keys.length;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (keys[m].compareTo(key) < 0) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }
}
