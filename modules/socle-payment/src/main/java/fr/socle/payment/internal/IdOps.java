package fr.socle.payment.internal;

import fr.socle.core.SocleClientException;
import java.util.regex.Pattern;

/**
 * Checks PayFiP operation ids. Real ones are 36-character UUIDs; the check is looser (letters,
 * digits and dashes, at most 64) so that it only keeps hostile input out of XML, URLs, SQL and
 * logs.
 */
public final class IdOps {
  private static final Pattern ID_OP = Pattern.compile("[A-Za-z0-9-]{1,64}");

  private IdOps() {}

  /**
   * Tells whether a value can be an operation id.
   *
   * @param idOp the value
   * @return true if well formed
   */
  public static boolean isWellFormed(String idOp) {
    return idOp != null && ID_OP.matcher(idOp).matches();
  }

  /**
   * Checks an operation id.
   *
   * @param idOp the value
   * @return the value
   * @throws SocleClientException if it is not well formed (the value is not echoed)
   */
  public static String require(String idOp) {
    if (!isWellFormed(idOp)) {
      throw new SocleClientException("malformed PayFiP operation id");
    }
    return idOp;
  }
}
