package fr.socle.testkit.franceconnect;

import fr.socle.core.InvalidInputException;
import java.util.Locale;

/**
 * The platform a {@link FranceConnectSimulator} impersonates. The three share the {@code /api/v2}
 * paths and the authorization code flow; they differ in accepted {@code acr_values}, subject type,
 * claims and userinfo encryption.
 */
public enum Flavour {
  /** FranceConnect v2 "standard" (eIDAS low, {@code eidas1}), pairwise {@code sub}, signed JWTs. */
  FC("fc"),
  /**
   * FranceConnect+ ({@code eidas2}/{@code eidas3}): signed JWTs nested in a JWE encrypted to the
   * service provider's registered keys.
   */
  FC_PLUS("fcplus"),
  /**
   * ProConnect (ex-AgentConnect), for public agents: public {@code sub} per identity provider,
   * {@code idp_id}, {@code usual_name}, {@code siret}; PKCE S256; {@code prompt=none} supported.
   */
  PROCONNECT("proconnect");

  private final String cliName;

  Flavour(String cliName) {
    this.cliName = cliName;
  }

  /**
   * Returns the name used on the command line ({@code fc}, {@code fcplus}, {@code proconnect}).
   *
   * @return the command-line name
   */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a command-line name.
   *
   * @param name {@code fc}, {@code fcplus} or {@code proconnect} (case-insensitive)
   * @return the flavour
   * @throws InvalidInputException if the name is unknown
   */
  public static Flavour fromCliName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Flavour f : values()) {
      if (f.cliName.equals(lower)) {
        return f;
      }
    }
    throw new InvalidInputException("unknown flavour: " + name + " (fc, fcplus or proconnect)");
  }
}
