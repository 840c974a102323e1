package fr.socle.onceonly;

import fr.socle.onceonly.internal.Identifiers;
import java.util.Objects;

/**
 * The traceability parameters API Entreprise requires on every data call, checked before the call
 * (the API answers 422 otherwise: codes {@code 00203} recipient, {@code 00201} context, {@code
 * 00202} object), and handed to the audit listener.
 *
 * <ul>
 *   <li>{@code recipient}: the SIRET of the public body that receives the data. For a software
 *       vendor, its <em>client</em> collectivité's SIRET, never its own. The API rejects a
 *       recipient equal to the company looked up; the client checks that too.
 *   <li>{@code context}: the procedure, for example {@code "Marché public 2026-014 restauration"}.
 *   <li>{@code object}: why this very call, short enough to justify it later (the API asks for
 *       under 50 characters: longer is refused here).
 * </ul>
 *
 * <p>These values reach API Entreprise's logs and the audit hook: put no personal data in them.
 *
 * @param recipient the recipient's SIRET (14 digits, valid check digit)
 * @param context the procedure, 1 to 250 characters
 * @param object the reason of the call, 1 to 50 characters
 */
public record Traceability(String recipient, String context, String object) {
  /** The longest {@code object} accepted. */
  public static final int MAX_OBJECT_LENGTH = 50;

  /**
   * Validates the parameters.
   *
   * @param recipient the recipient's SIRET (14 digits, valid check digit)
   * @param context the procedure, 1 to 250 characters
   * @param object the reason of the call, 1 to 50 characters
   */
  public Traceability {
    Objects.requireNonNull(recipient, "recipient");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(object, "object");
    if (!Identifiers.isSiret(recipient)) {
      throw new InvalidQueryException("recipient must be a valid SIRET (14 digits, check digit)");
    }
    if (context.isBlank() || context.length() > 250) {
      throw new InvalidQueryException("context must have 1 to 250 characters");
    }
    if (object.isBlank() || object.length() > MAX_OBJECT_LENGTH) {
      throw new InvalidQueryException("object must have 1 to " + MAX_OBJECT_LENGTH + " characters");
    }
    if (Identifiers.hasControl(context) || Identifiers.hasControl(object)) {
      throw new InvalidQueryException("context and object must not contain control characters");
    }
  }
}
