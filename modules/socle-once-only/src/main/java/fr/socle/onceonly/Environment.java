package fr.socle.onceonly;

/**
 * Which platform of API Particulier or API Entreprise a client calls (once-only fact sheet §1.2).
 * The staging platform ("bac à sable") serves fixed test data and, unlike production, does not
 * filter fields by the token's scopes.
 */
public enum Environment {
  /** {@code https://particulier.api.gouv.fr}, {@code https://entreprise.api.gouv.fr}. */
  PRODUCTION("https://particulier.api.gouv.fr", "https://entreprise.api.gouv.fr"),
  /**
   * {@code https://staging.particulier.api.gouv.fr}, {@code
   * https://staging.entreprise.api.gouv.fr}.
   */
  STAGING("https://staging.particulier.api.gouv.fr", "https://staging.entreprise.api.gouv.fr");

  private final String particulier;
  private final String entreprise;

  Environment(String particulier, String entreprise) {
    this.particulier = particulier;
    this.entreprise = entreprise;
  }

  /**
   * Returns the base URL of API Particulier.
   *
   * @return the URL, without a trailing slash
   */
  public String particulierBaseUrl() {
    return particulier;
  }

  /**
   * Returns the base URL of API Entreprise.
   *
   * @return the URL, without a trailing slash
   */
  public String entrepriseBaseUrl() {
    return entreprise;
  }
}
