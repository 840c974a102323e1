package fr.socle.onceonly;

import fr.socle.core.SocleClientException;

/**
 * A query breaks a rule the API checks (prénoms 1 to 3, sexe M or F, five-character COG codes, a
 * birth place given by code or by name and département, a valid SIRET as recipient, different from
 * the company looked up, {@code context} and {@code object} present...). Raised before any call:
 * the API would answer 400 or 422, and the call would count against the limits.
 *
 * <p>The message names the rule and the parameter, never its value (which may be personal data).
 */
public class InvalidQueryException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the rule broken, without the value
   */
  public InvalidQueryException(String message) {
    super(message);
  }
}
