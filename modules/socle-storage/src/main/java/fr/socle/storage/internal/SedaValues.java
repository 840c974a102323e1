package fr.socle.storage.internal;

import fr.socle.core.InvalidInputException;
import java.util.regex.Pattern;

/** Validation of the values written into SEDA manifests. */
public final class SedaValues {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
  private static final Pattern SIRET = Pattern.compile("[0-9]{14}");

  /**
   * La Poste's establishments share one SIREN and not all their SIRET follow the Luhn rule (INSEE):
   * for them a digit sum divisible by 5 is accepted too.
   */
  private static final String LA_POSTE_SIREN = "356000000";

  private SedaValues() {}

  /**
   * Checks a message or agreement identifier: 1 to 100 characters among letters, digits and {@code
   * . _ : -}, starting with a letter or digit, so that it is safe in an XML token, a file name and
   * a journal entry.
   *
   * @param what the parameter's name, for the message
   * @param value the value
   * @return the value
   */
  public static String requireIdentifier(String what, String value) {
    if (value == null) {
      throw new NullPointerException(what);
    }
    if (!IDENTIFIER.matcher(value).matches()) {
      throw new InvalidInputException(
          what + " must be 1 to 100 letters, digits or . _ : - (starting with a letter or digit)");
    }
    return value;
  }

  /**
   * Checks a SIRET: 14 digits with a valid Luhn key (INSEE), La Poste's establishments excepted.
   *
   * @param what the parameter's name, for the message
   * @param value the value
   * @return the value
   */
  public static String requireSiret(String what, String value) {
    if (value == null) {
      throw new NullPointerException(what);
    }
    if (!SIRET.matcher(value).matches() || !validKey(value)) {
      throw new InvalidInputException(what + " must be a valid SIRET (14 digits)");
    }
    return value;
  }

  private static boolean validKey(String siret) {
    return luhn(siret) || (siret.startsWith(LA_POSTE_SIREN) && digitSum(siret) % 5 == 0);
  }

  private static int digitSum(String siret) {
    int sum = 0;
    for (int i = 0; i < siret.length(); i++) {
      sum += siret.charAt(i) - '0';
    }
    return sum;
  }

  private static boolean luhn(String siret) {
    int sum = 0;
    for (int i = 0; i < siret.length(); i++) {
      int d = siret.charAt(siret.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
    }
    return sum % 10 == 0;
  }

  /**
   * Checks a free text (title, description): 1 to {@code max} characters, no control characters but
   * tab and line breaks (they would not survive XML).
   *
   * @param what the parameter's name, for the message
   * @param value the value
   * @param max the largest length
   * @return the value
   */
  public static String requireText(String what, String value, int max) {
    if (value == null) {
      throw new NullPointerException(what);
    }
    if (value.isBlank() || value.length() > max) {
      throw new InvalidInputException(what + " must be 1 to " + max + " characters, not blank");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xfffe || c == 0xffff) {
        throw new InvalidInputException(what + " must not contain control characters");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < value.length()
              && Character.isLowSurrogate(value.charAt(++i)))) {
        throw new InvalidInputException(what + " must be well-formed UTF-16");
      }
    }
    return value;
  }
}
