package fr.socle.payment.internal;

import fr.socle.core.InvalidInputException;
import java.util.Locale;

/**
 * Checks PayFiP operation ids. Real ones are 36-character UUIDs; the check is looser (letters,
 * digits and dashes, at most 64) so that it only keeps hostile input out of XML, URLs, SQL and
 * logs.
 *
 * <p>One case rule everywhere: an operation id is a UUID, whose text is case-insensitive (RFC 4122
 * §3), and every id PayFiP was seen to issue is lower case. Socle therefore keeps every id in its
 * {@linkplain #canonical(String) canonical} lower-case form: the id returned by a creation, the
 * ledger key, the id of a notification or return, the id sent in a lookup, and the id a lookup
 * answer echoes are all compared in that form.
 */
public final class IdOps {
  private static final int MAX_LENGTH = 64;

  private IdOps() {}

  /**
   * Tells whether a value can be an operation id.
   *
   * @param idOp the value
   * @return true if well formed
   */
  public static boolean isWellFormed(String idOp) {
    // [A-Za-z0-9-]{1,64}, checked by hand: this runs several times per notification, and a
    // regular expression match cost more than the rest of the id handling together.
    if (idOp == null || idOp.isEmpty() || idOp.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < idOp.length(); i++) {
      char c = idOp.charAt(i);
      if (!((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the canonical (lower-case) form of a well-formed operation id.
   *
   * @param idOp the value
   * @return the value in lower case
   * @throws InvalidInputException if it is not well formed (the value is not echoed)
   */
  public static String canonical(String idOp) {
    return require(idOp).toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether two ids name the same operation under the case rule.
   *
   * @param a an id, possibly null
   * @param b another id, possibly null
   * @return true if both are present and equal ignoring case
   */
  public static boolean same(String a, String b) {
    return a != null && b != null && a.equalsIgnoreCase(b);
  }

  /**
   * Checks an operation id.
   *
   * @param idOp the value
   * @return the value
   * @throws InvalidInputException if it is not well formed (the value is not echoed)
   */
  public static String require(String idOp) {
    if (!isWellFormed(idOp)) {
      throw new InvalidInputException("malformed PayFiP operation id");
    }
    return idOp;
  }
}
