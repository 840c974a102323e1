package fr.socle.identity;

import java.util.Optional;

/**
 * A value of ProConnect's {@code roles} claim (scope {@code roles}), computed by ProConnect from
 * the legal category of the agent's organisation ({@code siret}); on the State intranet (RIE) it is
 * always {@link #AGENT_PUBLIC} alone. A vendor of territorial software asks {@link
 * Identity#hasRole(ProConnectRole) hasRole(AGENT_PUBLIC_TERRITORIAL)}.
 *
 * <p>Values ProConnect may add later are not in this enum: {@link Identity#roles()} skips them and
 * {@link Identity#claims()} keeps them.
 */
public enum ProConnectRole {
  /** Works for a public-sector organisation. */
  AGENT_PUBLIC("agent_public"),
  /** Works for the State (administrations centrales, services déconcentrés, établissements). */
  AGENT_PUBLIC_ETAT("agent_public_etat"),
  /** Works for a collectivité territoriale or one of its groupings. */
  AGENT_PUBLIC_TERRITORIAL("agent_public_territorial"),
  /** Works for a public hospital. */
  AGENT_PUBLIC_HOSPITALIER("agent_public_hospitalier"),
  /**
   * Works for an organisation of article L100-3 of the code des relations entre le public et
   * l'administration (private bodies entrusted with a public service).
   */
  AGENT_PUBLIC_L100_3("agent_public_L100-3"),
  /** Legal representative of a company. */
  DIRIGEANT("dirigeant");

  private final String value;

  ProConnectRole(String value) {
    this.value = value;
  }

  /**
   * Returns the value as sent in the claim.
   *
   * @return for example {@code agent_public_territorial}
   */
  public String value() {
    return value;
  }

  /**
   * Parses a claim value.
   *
   * @param value the value, may be null
   * @return the role, empty for an unknown value
   */
  public static Optional<ProConnectRole> fromClaim(String value) {
    for (ProConnectRole r : values()) {
      if (r.value.equals(value)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
