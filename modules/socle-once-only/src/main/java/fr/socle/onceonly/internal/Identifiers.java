package fr.socle.onceonly.internal;

import java.util.regex.Pattern;

/** SIREN, SIRET, RNA and INE checks, as API Entreprise and API Particulier apply them. */
public final class Identifiers {
  private static final Pattern SIREN = Pattern.compile("\\d{9}");
  private static final Pattern SIRET = Pattern.compile("\\d{14}");
  private static final Pattern RNA = Pattern.compile("W[0-9A-Z]\\d{8}");
  private static final Pattern INE = Pattern.compile("[0-9a-zA-Z]{11}");

  /**
   * La Poste's SIREN: its establishments' SIRETs follow another check rule (sum divisible by 5).
   */
  private static final String LA_POSTE = "356000000";

  private Identifiers() {}

  /**
   * Tells whether a SIREN is well-formed with a valid Luhn key.
   *
   * @param siren the candidate
   * @return true if valid
   */
  public static boolean isSiren(String siren) {
    return siren != null && SIREN.matcher(siren).matches() && luhn(siren);
  }

  /**
   * Tells whether a SIRET is well-formed with a valid key (La Poste's rule for its own).
   *
   * @param siret the candidate
   * @return true if valid
   */
  public static boolean isSiret(String siret) {
    if (siret == null || !SIRET.matcher(siret).matches()) {
      return false;
    }
    if (siret.startsWith(LA_POSTE)) {
      int sum = 0;
      for (int i = 0; i < siret.length(); i++) {
        sum += siret.charAt(i) - '0';
      }
      return sum % 5 == 0 || luhn(siret);
    }
    return luhn(siret) && luhn(siret.substring(0, 9));
  }

  /**
   * Tells whether an RNA number is well-formed ({@code W} then nine characters).
   *
   * @param rna the candidate
   * @return true if well-formed
   */
  public static boolean isRna(String rna) {
    return rna != null && RNA.matcher(rna).matches();
  }

  /**
   * Tells whether an INE (national student number) is well-formed: 11 letters or digits.
   *
   * @param ine the candidate
   * @return true if well-formed
   */
  public static boolean isIne(String ine) {
    return ine != null && INE.matcher(ine).matches();
  }

  /**
   * Tells whether a text holds a control character (CR, LF, NUL...).
   *
   * @param text the text
   * @return true if it does
   */
  public static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (dbl) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }
}
