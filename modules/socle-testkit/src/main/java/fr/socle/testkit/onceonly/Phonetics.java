package fr.socle.testkit.onceonly;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How the simulator tolerates spelling, as the real identity matching does: names compare after
 * folding accents and case; a <em>near</em> match (same French sound, or one typo) is accepted only
 * when the full birth date confirms the person.
 */
final class Phonetics {
  private Phonetics() {}

  static String fold(String s) {
    String n = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
  }

  static boolean exact(String a, String b) {
    return fold(a).equals(fold(b));
  }

  static boolean near(String a, String b) {
    String fa = fold(a);
    String fb = fold(b);
    return fa.equals(fb) || sound(fa).equals(sound(fb)) || distance(fa, fb) <= 1;
  }

  /** A small French sound key: enough for JEROME/GEROME, PHILIPPE/FILIPE, CLAIRE/CLERE. */
  static String sound(String folded) {
    String s =
        folded
            .replace("PH", "F")
            .replace("QU", "K")
            .replace("EAU", "O")
            .replace("AU", "O")
            .replace("AI", "E")
            .replace("EI", "E")
            .replace("Y", "I")
            .replace("Z", "S")
            .replace("H", "")
            .replaceAll("C(?=[EI])", "S")
            .replace("C", "K")
            .replaceAll("G(?=[EI])", "J");
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (sb.length() == 0 || sb.charAt(sb.length() - 1) != c) {
        sb.append(c);
      }
    }
    String key = sb.toString().replaceAll("[ESTDX]+$", "");
    return key.isEmpty() ? sb.toString() : key;
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
