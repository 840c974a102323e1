package fr.socle.identity;

import fr.socle.core.SocleClientException;
import java.util.Optional;

/**
 * The provider authenticated the user at a lower eIDAS level than the application requested (or
 * with an {@code acr} that is not an eIDAS level). FranceConnect+ treats {@code acr_values} as a
 * preference and returns the identity provider's level unchanged, so this is an expected outcome:
 * offer the user another identity provider.
 */
public class EidasLevelTooLowException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /** The requested level. */
  private final EidasLevel requested;

  /** The {@code acr} the provider sent, or {@code null} when it sent none. */
  private final String actualAcr;

  /**
   * Creates the exception.
   *
   * @param requested the level the application required
   * @param actualAcr the {@code acr} received, null if absent
   */
  public EidasLevelTooLowException(EidasLevel requested, String actualAcr) {
    super(
        "eIDAS level too low: requested "
            + requested.acrValue()
            + ", provider returned "
            + (actualAcr == null ? "no acr" : sanitize(actualAcr)));
    this.requested = requested;
    this.actualAcr = actualAcr;
  }

  private static String sanitize(String acr) {
    String s = acr.length() > 80 ? acr.substring(0, 80) + "..." : acr;
    return s.replaceAll("[^\\x20-\\x7E]", "?");
  }

  /**
   * Returns the requested level.
   *
   * @return the level
   */
  public EidasLevel requested() {
    return requested;
  }

  /**
   * Returns the {@code acr} the provider sent.
   *
   * @return the raw value, empty if absent
   */
  public Optional<String> actualAcr() {
    return Optional.ofNullable(actualAcr);
  }

  /**
   * Returns the level of the {@code acr} the provider sent.
   *
   * @return the level, empty if absent or not an eIDAS value
   */
  public Optional<EidasLevel> actualLevel() {
    return EidasLevel.fromAcr(actualAcr);
  }
}
