package fr.socle.refdata.internal;

import fr.socle.refdata.Commune;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Search over folded names: whole-name matches first, then prefix matches, then prefix matches up
 * to one slip, each tier ranked by population.
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

  /** Typo matches are only those whose matched name part has at least this many characters. */
  public static final int MIN_TYPO_LENGTH = 6;

  // Depth of the typo scan: the first prefix of the text whose range holds at most this many keys.
  private static final int TYPO_SCAN_RANGE = 256;

  /**
   * Finds entries for what a user typed, in three tiers: the entries whose whole key equals the
   * first prefix (most populated first), then those whose key starts with one of the prefixes (most
   * populated first), then, when these leave room and the text has at least {@link
   * #MIN_TYPO_LENGTH} characters, those whose key starts with the first prefix up to one slip (a
   * letter left out, added, replaced or two letters swapped), most populated first.
   *
   * @param prefixes folded prefixes (disjoint ranges), the full form first
   * @param limit the maximum number of results
   * @param accept a filter on commune indices
   * @return the entries
   */
  public List<Commune> search(List<String> prefixes, int limit, IntPredicate accept) {
    String full = prefixes.get(0);
    // Keys are "key + U+0001 + tag": the whole-key matches sort right after the bare key.
    int exactLo = lowerBound(full + SUFFIX_MARK);
    int exactHi = lowerBound(full + (char) (SUFFIX_MARK + 1));
    int[] exact = new int[Math.min(limit, exactHi - exactLo)];
    int exactCount = best(exactLo, exactHi, exact, 0, accept);
    List<Commune> out = new ArrayList<>(limit);
    for (int i = 0; i < exactCount; i++) {
      out.add(communes[byPopulation[exact[i]]]);
    }
    if (out.size() < limit) {
      prefixed(prefixes, limit - out.size(), accept, exactLo, exactHi, out);
    }
    if (out.size() < limit && full.length() >= MIN_TYPO_LENGTH - 1) {
      typos(full, limit - out.size(), accept, out);
    }
    return out;
  }

  /**
   * Returns the entries whose whole key equals a folded name, in the dataset's order.
   *
   * @param key a folded name
   * @return the entries, possibly empty
   */
  public List<Commune> withKey(String key) {
    int lo = lowerBound(key + SUFFIX_MARK);
    int hi = lowerBound(key + (char) (SUFFIX_MARK + 1));
    if (lo == hi) {
      return List.of();
    }
    int[] idx = new int[hi - lo];
    for (int r = lo; r < hi; r++) {
      idx[r - lo] = communeAtRank[r];
    }
    Arrays.sort(idx);
    List<Commune> out = new ArrayList<>(idx.length);
    for (int i : idx) {
      out.add(communes[i]);
    }
    return out;
  }

  private void prefixed(
      List<String> prefixes,
      int limit,
      IntPredicate accept,
      int exactLo,
      int exactHi,
      List<Commune> out) {
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
      return;
    }
    // The exact matches are already in: skip their ranks.
    IntPredicate notExact =
        exactLo == exactHi
            ? accept
            : new IntPredicate() { // no lambda: this runs on cold paths too
              @Override
              public boolean test(int c) {
                int r = rankOf[c];
                return (r < exactLo || r >= exactHi) && accept.test(c);
              }
            };
    // Scan costs ~total steps; the walk ~n * limit / total (filters assumed not selective).
    if (total * total <= 4L * communes.length * limit) {
      int[] best = new int[limit];
      int size = 0;
      for (int i = 0; i < ranges; i++) {
        size = best(lo[i], hi[i], best, size, notExact);
      }
      for (int i = 0; i < size; i++) {
        out.add(communes[byPopulation[best[i]]]);
      }
    } else {
      walk(lo, hi, limit, notExact, out);
    }
  }

  /**
   * Keys starting with {@code q} up to one slip, outside the exact prefix. A slip is found at the
   * first character where the key and the text differ, at position {@code j}:
   *
   * <ul>
   *   <li>{@code j >= k}: the keys sharing the first {@code k} characters of the text are scanned,
   *       {@code k} (at least 2) being the first depth whose range holds at most {@link
   *       #TYPO_SCAN_RANGE} keys;
   *   <li>{@code 2 <= j < k}: the four shapes of a slip at {@code j} are looked up by binary
   *       search, one per distinct character found at {@code j} for the replaced or left-out
   *       letter;
   *   <li>{@code j < 2}: only when no tier matched anything, all keys are scanned (one pass, the
   *       rare slow path).
   * </ul>
   */
  private void typos(String q, int limit, IntPredicate accept, List<Commune> out) {
    int n = q.length();
    int prefixLo = lowerBound(q);
    int prefixHi = lowerBound(q + Character.MAX_VALUE);
    int[] rangeLo = new int[n];
    int[] rangeHi = new int[n];
    int k = 2;
    rangeLo[k] = lowerBound(q.substring(0, k));
    rangeHi[k] = lowerBound(q.substring(0, k) + Character.MAX_VALUE);
    while (rangeHi[k] - rangeLo[k] > TYPO_SCAN_RANGE && k < n - 1) {
      String next = q.substring(0, k + 1);
      rangeLo[k + 1] = lowerBound(next, rangeLo[k], rangeHi[k]);
      rangeHi[k + 1] = lowerBound(next + Character.MAX_VALUE, rangeLo[k + 1], rangeHi[k]);
      k++;
    }
    int[] best = new int[limit];
    int size = typoScan(q, rangeLo[k], rangeHi[k], prefixLo, prefixHi, best, 0, accept);
    for (int j = 2; j < k; j++) {
      size = slipsAt(q, j, rangeLo[j], rangeHi[j], prefixLo, prefixHi, best, size, accept);
    }
    if (size == 0 && out.isEmpty()) {
      size = typoScan(q, 0, keys.length, prefixLo, prefixHi, best, 0, accept);
    }
    for (int i = 0; i < size; i++) {
      Commune c = communes[byPopulation[best[i]]];
      if (!out.contains(c)) { // reached through the "St" alternative prefix already
        out.add(c);
      }
    }
  }

  // The keys whose first difference with q is a slip at position j; [lo, hi) holds the keys
  // starting with q's first j characters. Same length rule as oneSlipPrefix.
  private int slipsAt(
      String q,
      int j,
      int lo,
      int hi,
      int prefixLo,
      int prefixHi,
      int[] best,
      int size,
      IntPredicate accept) {
    int n = q.length();
    String base = q.substring(0, j);
    char at = q.charAt(j);
    char after = q.charAt(j + 1); // j < k <= n - 1
    if (n - 1 >= MIN_TYPO_LENGTH && after != at) { // a letter added to the text
      size = addRange(base + q.substring(j + 1), lo, hi, prefixLo, prefixHi, best, size, accept);
    }
    if (n >= MIN_TYPO_LENGTH && after != at) { // two letters swapped
      String swapped = base + after + at + q.substring(j + 2);
      size = addRange(swapped, lo, hi, prefixLo, prefixHi, best, size, accept);
    }
    // A letter replaced or left out: one lookup per distinct character at j in the range.
    int r = lo;
    while (r < hi) {
      char c = keys[r].charAt(j);
      int next = lowerBound(base + (char) (c + 1), r, hi);
      if (c != SUFFIX_MARK && c != at) {
        if (n >= MIN_TYPO_LENGTH) {
          size =
              addRange(
                  base + c + q.substring(j + 1), r, next, prefixLo, prefixHi, best, size, accept);
        }
        if (n + 1 >= MIN_TYPO_LENGTH) {
          size =
              addRange(base + c + q.substring(j), r, next, prefixLo, prefixHi, best, size, accept);
        }
      }
      r = next;
    }
    return size;
  }

  private int addRange(
      String prefix,
      int lo,
      int hi,
      int prefixLo,
      int prefixHi,
      int[] best,
      int size,
      IntPredicate accept) {
    int a = lowerBound(prefix, lo, hi);
    int b = lowerBound(prefix + Character.MAX_VALUE, a, hi);
    for (int r = a; r < b; r++) {
      if (r < prefixLo || r >= prefixHi) {
        size = insert(communeAtRank[r], best, size, accept);
      }
    }
    return size;
  }

  private int typoScan(
      String q,
      int from,
      int to,
      int prefixLo,
      int prefixHi,
      int[] best,
      int size,
      IntPredicate accept) {
    for (int r = from; r < to; r++) {
      if (r == prefixLo && prefixHi > prefixLo) {
        r = prefixHi - 1; // already among the prefix matches
        continue;
      }
      if (oneSlipPrefix(keys[r], q)) {
        size = insert(communeAtRank[r], best, size, accept);
      }
    }
    return size;
  }

  /**
   * Tells whether some prefix of {@code key}, of at least {@link #MIN_TYPO_LENGTH} characters, is
   * one slip away from {@code q}: one letter left out, added or replaced, or two neighbours swapped
   * (Damerau distance 1). The length rule keeps short names out: "Parus" is one slip from too many
   * names to mean Paris. Linear, no allocation.
   *
   * @param key a folded key
   * @param q the folded text
   * @return whether it matches with one slip (a plain prefix does not count)
   */
  static boolean oneSlipPrefix(String key, String q) {
    int n = q.length();
    int j = 0;
    int max = Math.min(n, key.length());
    while (j < max && key.charAt(j) == q.charAt(j)) {
      j++;
    }
    if (j == n) {
      return false; // a plain prefix, not a slip
    }
    int min = MIN_TYPO_LENGTH;
    // The key's letter at j, if the key has not ended there (index keys end with SUFFIX_MARK):
    // "crouys" is not "Crouy" with its last letter replaced.
    boolean letter = j < key.length() && key.charAt(j) != SUFFIX_MARK;
    return (letter && n >= min && key.regionMatches(j + 1, q, j + 1, n - j - 1)) // replaced
        || (letter && n + 1 >= min && key.regionMatches(j + 1, q, j, n - j)) // left out of q
        || (n - 1 >= min
            && (j + 1 < n
                ? key.regionMatches(j, q, j + 1, n - j - 1)
                : !letter)) // added (at the end: the whole name and one more letter)
        || (letter
            && n >= min
            && j + 1 < n
            && j + 1 < key.length()
            && key.charAt(j) == q.charAt(j + 1)
            && key.charAt(j + 1) == q.charAt(j)
            && key.regionMatches(j + 2, q, j + 2, n - j - 2)); // swapped
  }

  /** Keeps in {@code best} the best {@code best.length} candidates of a rank range. */
  private int best(int lo, int hi, int[] best, int size, IntPredicate accept) {
    for (int r = lo; r < hi; r++) {
      size = insert(communeAtRank[r], best, size, accept);
    }
    return size;
  }

  // best holds positions in population order, ascending; a commune is inserted in place.
  private int insert(int c, int[] best, int size, IntPredicate accept) {
    int limit = best.length;
    if (limit == 0) {
      return size;
    }
    int o = order[c];
    if ((size == limit && o >= best[size - 1]) || !accept.test(c)) {
      return size;
    }
    for (int i = 0; i < size; i++) {
      if (best[i] == o) {
        return size; // found twice (typo shapes can overlap)
      }
    }
    int pos = size == limit ? limit - 1 : size++;
    while (pos > 0 && best[pos - 1] > o) {
      best[pos] = best[pos - 1];
      pos--;
    }
    best[pos] = o;
    return size;
  }

  private void walk(int[] lo, int[] hi, int limit, IntPredicate accept, List<Commune> out) {
    int target = out.size() + limit;
    for (int p = 0; p < byPopulation.length && out.size() < target; p++) {
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
  }

  private int lowerBound(String key) {
    return lowerBound(key, 0, keys.length);
  }

  private int lowerBound(String key, int from, int to) {
    int a = from;
    int b = to;
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
