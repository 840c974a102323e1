package fr.socle.refdata.internal;

import java.text.Normalizer;
import java.util.List;

/**
 * Folds commune names and search text into comparable keys: lower case, no accents, ligatures
 * spelled out, separators (spaces, hyphens, apostrophes, any punctuation) removed, and the tokens
 * "st"/"ste" spelled "saint"/"sainte". "Saint-Étienne", "st etienne" and "SAINT ETIENNE" all give
 * {@code saintetienne}; "L'Haÿ-les-Roses" gives {@code lhaylesroses}; full-width "ＰＡＲＩＳ" gives
 * {@code paris}.
 */
public final class NameFolding {
  private static final int TABLE_SIZE = 0x250;
  // Folded form of each character below TABLE_SIZE; "" = separator.
  private static final String[] TABLE = new String[TABLE_SIZE];

  static {
    for (char c = 0; c < TABLE_SIZE; c++) {
      TABLE[c] = foldSlow(c);
    }
  }

  private NameFolding() {}

  /**
   * Folds a name into its key.
   *
   * @param name a commune name
   * @return the key, possibly empty
   */
  public static String fold(CharSequence name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    StringBuilder token = new StringBuilder(16);
    for (int i = 0, n = name.length(); i < n; i++) {
      String f = foldChar(name.charAt(i));
      if (f.isEmpty()) {
        flush(token, out);
      } else {
        token.append(f);
      }
    }
    flush(token, out);
    return out.toString();
  }

  /**
   * Folds what a user typed into the prefixes to look for. The last token may be incomplete: "st"
   * typed so far is both the start of "Stains" and the abbreviation of "Saint", so two prefixes are
   * returned in that case.
   *
   * @param text the search text
   * @return one or two prefixes; a single empty prefix if the text has no letter or digit
   */
  public static List<String> foldQuery(CharSequence text) {
    String folded = fold(text);
    int end = text.length();
    while (end > 0 && foldChar(text.charAt(end - 1)).isEmpty()) {
      end--;
    }
    if (end == text.length()) {
      // The last token is still being typed: undo its expansion as an alternative.
      if (folded.endsWith("sainte") && lastTokenIs(text, end, "ste")) {
        return List.of(folded, folded.substring(0, folded.length() - 6) + "ste");
      }
      if (folded.endsWith("saint") && lastTokenIs(text, end, "st")) {
        return List.of(folded, folded.substring(0, folded.length() - 5) + "st");
      }
    }
    return List.of(folded);
  }

  private static boolean lastTokenIs(CharSequence text, int end, String abbreviation) {
    int start = end;
    while (start > 0 && !foldChar(text.charAt(start - 1)).isEmpty()) {
      start--;
    }
    StringBuilder t = new StringBuilder();
    for (int i = start; i < end; i++) {
      t.append(foldChar(text.charAt(i)));
    }
    return t.toString().equals(abbreviation);
  }

  private static void flush(StringBuilder token, StringBuilder out) {
    if (token.length() == 0) {
      return;
    }
    if (token.length() == 2 && token.charAt(0) == 's' && token.charAt(1) == 't') {
      out.append("saint");
    } else if (token.length() == 3
        && token.charAt(0) == 's'
        && token.charAt(1) == 't'
        && token.charAt(2) == 'e') {
      out.append("sainte");
    } else {
      out.append(token);
    }
    token.setLength(0);
  }

  private static String foldChar(char c) {
    if (c < TABLE_SIZE) {
      return TABLE[c];
    }
    return Character.isLetterOrDigit(c) ? foldSlow(c) : "";
  }

  private static String foldSlow(char c) {
    if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
      return String.valueOf(c);
    }
    if (c >= 'A' && c <= 'Z') {
      return String.valueOf((char) (c + 32));
    }
    switch (c) {
      case 'œ', 'Œ' -> {
        return "oe";
      }
      case 'æ', 'Æ' -> {
        return "ae";
      }
      case 'ß' -> {
        return "ss";
      }
      default -> {
        // fall through to decomposition
      }
    }
    if (!Character.isLetterOrDigit(c)) {
      return "";
    }
    // NFKD, not NFD: compatibility forms fold too, so that full-width letters typed with an Asian
    // input method (ＰＡＲＩＳ) and ligatures (ﬁ) fold like their ASCII letters.
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKD);
    StringBuilder b = new StringBuilder(2);
    for (int i = 0; i < decomposed.length(); i++) {
      char d = decomposed.charAt(i);
      if (Character.isLetterOrDigit(d)) {
        b.append(Character.toLowerCase(d));
      }
    }
    return b.toString();
  }
}
