package fr.socle.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * An eIDAS level of assurance as carried by the {@code acr} claim. A higher level satisfies a lower
 * request ({@code eidas3} satisfies {@code eidas2}). ProConnect also uses {@code eidas0} (providers
 * outside eIDAS) and {@code -mfa} variants ({@code eidas1-mfa}): the variant has the level of its
 * base value.
 */
public enum EidasLevel {
  /** No eIDAS assurance (ProConnect providers outside eIDAS). */
  EIDAS0,
  /** eIDAS low: FranceConnect. */
  EIDAS1,
  /** eIDAS substantial: FranceConnect+. */
  EIDAS2,
  /** eIDAS high: FranceConnect+. */
  EIDAS3;

  /**
   * Returns the value sent in {@code acr_values}.
   *
   * @return for example {@code eidas2}
   */
  public String acrValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Tells whether this level satisfies a request for another one.
   *
   * @param requested the requested level
   * @return true if this level is at least the requested one
   */
  public boolean satisfies(EidasLevel requested) {
    return compareTo(requested) >= 0;
  }

  /**
   * Parses an {@code acr} value: {@code eidas0} to {@code eidas3}, optionally followed by {@code
   * -mfa}.
   *
   * @param acr the claim value, may be null
   * @return the level, or empty for any other value (which never satisfies a level requirement)
   */
  public static Optional<EidasLevel> fromAcr(String acr) {
    if (acr == null) {
      return Optional.empty();
    }
    String base = acr.endsWith("-mfa") ? acr.substring(0, acr.length() - 4) : acr;
    for (EidasLevel level : values()) {
      if (level.acrValue().equals(base)) {
        return Optional.of(level);
      }
    }
    return Optional.empty();
  }
}
