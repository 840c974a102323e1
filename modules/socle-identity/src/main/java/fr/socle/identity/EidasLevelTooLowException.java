package fr.socle.identity;

import fr.socle.core.SocleClientException;
import java.util.Optional;

/**
 * The provider authenticated the user at a lower eIDAS level than the application requested, or
 * with an {@code acr} the application's {@link Assurance} does not accept (no second factor, an
 * {@code acr} that is not an eIDAS level, a value ProConnect no longer defines). FranceConnect+
 * treats {@code acr_values} as a preference and returns the identity provider's level unchanged, so
 * this is an expected outcome: offer the user another identity provider.
 */
public class EidasLevelTooLowException extends SocleClientException {
  private static final long serialVersionUID = 1L;

  /** The requested level. */
  private final EidasLevel requested;

  /** The {@code acr} the provider sent, or {@code null} when it sent none. */
  private final String actualAcr;

  /** The requirement in its compact form: exceptions are serializable, Assurance is not. */
  private final String required;

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
    this.required = Assurance.atLeast(requested).encode();
  }

  /**
   * Creates the exception for any requirement, such as {@link Assurance#multiFactor()}.
   *
   * @param required the requirement the application set
   * @param actualAcr the {@code acr} received, null if absent
   */
  public EidasLevelTooLowException(Assurance required, String actualAcr) {
    super(
        "assurance too low: required "
            + required
            + " "
            + required.acrValues()
            + ", provider returned "
            + (actualAcr == null ? "no acr" : sanitize(actualAcr)));
    this.required = required.encode();
    this.requested = lowestLevel(required);
    this.actualAcr = actualAcr;
  }

  private static EidasLevel lowestLevel(Assurance required) {
    return required
        .minimumLevel()
        .orElseGet(
            () ->
                required.acrValues().stream()
                    .map(EidasLevel::fromAcr)
                    .flatMap(Optional::stream)
                    .min(Comparable::compareTo)
                    .orElse(EidasLevel.EIDAS0));
  }

  /**
   * Returns the requirement the returned {@code acr} did not meet.
   *
   * @return the requirement
   */
  public Assurance required() {
    return Assurance.decode(required);
  }

  private static String sanitize(String acr) {
    String s = acr.length() > 80 ? acr.substring(0, 80) + "..." : acr;
    return s.replaceAll("[^\\x20-\\x7E]", "?");
  }

  /**
   * Returns the requested level; for a requirement made of {@code acr} values ({@link
   * Assurance#multiFactor()}), the lowest eIDAS level among them ({@code eidas0} if none is one).
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
