package fr.socle.identity;

import fr.socle.core.SocleClientException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a login must prove about how the user was identified and authenticated: the {@code acr}
 * values the application asks for and the only ones it accepts in the ID token.
 *
 * <ul>
 *   <li>{@link #atLeast(EidasLevel)}: an eIDAS level or higher ({@code eidas3} satisfies {@code
 *       eidas2}; an {@code -mfa} value has the level of its base value). On FranceConnect and
 *       FranceConnect+ it is sent as {@code acr_values}; on ProConnect as the essential {@code acr}
 *       claim listing every ProConnect value of that level or above.
 *   <li>{@link #multiFactor()} (ProConnect): a second factor, whatever the level: asks for {@code
 *       eidas0-mfa}, {@code eidas1-mfa}, {@code eidas2}, {@code eidas3} and accepts nothing else.
 *       Until the identity providers offer a second factor themselves, ProConnect sends an e-mail
 *       one-time code and answers {@code eidas1-mfa} with {@code mail} in {@link Identity#amr()}.
 *   <li>{@link #certificationDirigeant()} (ProConnect): the agent is a legal representative of the
 *       organisation, certified by ProConnect.
 * </ul>
 *
 * <p>The client always checks the returned {@code acr} itself: a provider may answer with a value
 * it was not asked for (FranceConnect+ returns the identity provider's level unchanged, ProConnect
 * leaves the check to the service), and such an answer fails the login with {@link
 * EidasLevelTooLowException}.
 *
 * <pre>{@code
 * // for one sensitive action only
 * LoginOptions strong = LoginOptions.builder().assurance(Assurance.multiFactor()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Assurance {
  /** ProConnect's value for a certified legal representative (niveaux-eidas, 2026). */
  public static final String CERTIFICATION_DIRIGEANT =
      "https://proconnect.gouv.fr/assurance/certification-dirigeant";

  /**
   * Every {@code acr} ProConnect defines since 18 June 2026, in its discovery order. The former
   * {@code https://proconnect.gouv.fr/assurance/self-asserted}, {@code ...-2fa}, {@code
   * consistency-checked} and {@code ...-2fa} values are gone.
   */
  static final List<String> PROCONNECT_VALUES =
      List.of(
          "eidas0",
          "eidas0-mfa",
          "eidas1",
          "eidas1-mfa",
          "eidas2",
          "eidas3",
          CERTIFICATION_DIRIGEANT);

  private static final Assurance MULTI_FACTOR =
      new Assurance(null, List.of("eidas0-mfa", "eidas1-mfa", "eidas2", "eidas3"), "multiFactor");
  private static final Assurance DIRIGEANT =
      new Assurance(null, List.of(CERTIFICATION_DIRIGEANT), "certificationDirigeant");

  private final EidasLevel minimum;
  private final List<String> acrValues;
  private final String name;

  private Assurance(EidasLevel minimum, List<String> acrValues, String name) {
    this.minimum = minimum;
    this.acrValues = List.copyOf(acrValues);
    this.name = name;
  }

  /**
   * An eIDAS level or higher.
   *
   * @param level the lowest level accepted
   * @return the requirement
   */
  public static Assurance atLeast(EidasLevel level) {
    Objects.requireNonNull(level, "level");
    List<String> values =
        PROCONNECT_VALUES.stream()
            .filter(v -> EidasLevel.fromAcr(v).map(l -> l.satisfies(level)).orElse(false))
            .toList();
    return new Assurance(level, values, "atLeast(" + level.acrValue() + ")");
  }

  /**
   * A second authentication factor (ProConnect only): {@code eidas0-mfa}, {@code eidas1-mfa},
   * {@code eidas2} or {@code eidas3}, nothing else.
   *
   * @return the requirement
   */
  public static Assurance multiFactor() {
    return MULTI_FACTOR;
  }

  /**
   * A legal representative certified by ProConnect (ProConnect only).
   *
   * @return the requirement
   */
  public static Assurance certificationDirigeant() {
    return DIRIGEANT;
  }

  /**
   * Returns the lowest eIDAS level accepted, for a requirement made with {@link #atLeast}.
   *
   * @return the level; empty for {@link #multiFactor()} and {@link #certificationDirigeant()}
   */
  public Optional<EidasLevel> minimumLevel() {
    return Optional.ofNullable(minimum);
  }

  /**
   * Returns the {@code acr} values asked for on ProConnect, in order.
   *
   * @return the values, never empty
   */
  public List<String> acrValues() {
    return acrValues;
  }

  /**
   * Tells whether an {@code acr} returned by the provider meets this requirement.
   *
   * @param acr the claim value, may be null (never accepted)
   * @return true if accepted
   */
  public boolean accepts(String acr) {
    if (acr == null) {
      return false;
    }
    if (minimum != null) {
      return EidasLevel.fromAcr(acr).map(l -> l.satisfies(minimum)).orElse(false);
    }
    return acrValues.contains(acr);
  }

  /** The form kept in the sealed login transaction: a level, or {@code =} and the values. */
  String encode() {
    return minimum != null ? minimum.acrValue() : "=" + String.join(" ", acrValues);
  }

  /** Reads {@link #encode()}'s form; a bare level is also what older transactions hold. */
  static Assurance decode(String encoded) {
    if (encoded.startsWith("=")) {
      List<String> values = List.of(encoded.substring(1).split(" "));
      if (values.equals(MULTI_FACTOR.acrValues)) {
        return MULTI_FACTOR;
      }
      if (values.equals(DIRIGEANT.acrValues)) {
        return DIRIGEANT;
      }
      throw new SocleClientException("unknown assurance requirement in the login transaction");
    }
    return atLeast(
        EidasLevel.fromAcr(encoded)
            .orElseThrow(
                () -> new SocleClientException("unknown eIDAS level in the login transaction")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Assurance other
        && Objects.equals(minimum, other.minimum)
        && acrValues.equals(other.acrValues);
  }

  @Override
  public int hashCode() {
    return Objects.hash(minimum, acrValues);
  }

  @Override
  public String toString() {
    return "Assurance." + name;
  }
}
