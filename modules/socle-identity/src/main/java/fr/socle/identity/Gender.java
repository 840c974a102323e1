package fr.socle.identity;

import java.util.Optional;

/** The {@code gender} claim as FranceConnect sends it. */
public enum Gender {
  /** {@code female}. */
  FEMALE,
  /** {@code male}. */
  MALE;

  /**
   * Parses a claim value.
   *
   * @param value {@code female} or {@code male}
   * @return the gender, or empty for any other value
   */
  public static Optional<Gender> fromClaim(String value) {
    if ("female".equals(value)) {
      return Optional.of(FEMALE);
    }
    if ("male".equals(value)) {
      return Optional.of(MALE);
    }
    return Optional.empty();
  }
}
