package fr.socle.onceonly;

/**
 * The social benefits API Particulier reports a status for (DSS routes), as a CCAS uses them for
 * social pricing.
 */
public enum Prestation {
  /** Revenu de solidarité active (may carry a majoration). */
  REVENU_SOLIDARITE_ACTIVE("revenu_solidarite_active"),
  /** Prime d'activité (may carry a majoration). */
  PRIME_ACTIVITE("prime_activite"),
  /** Allocation aux adultes handicapés. */
  ALLOCATION_ADULTE_HANDICAPE("allocation_adulte_handicape"),
  /**
   * Allocation d'éducation de l'enfant handicapé: see {@link DroitPrestation#statutAeeh()} for
   * whether the person is the allocataire or the child who opens the right.
   */
  ALLOCATION_ENFANT_HANDICAPE("allocation_enfant_handicape"),
  /** Allocation de soutien familial. */
  ALLOCATION_SOUTIEN_FAMILIAL("allocation_soutien_familial"),
  /** Complémentaire santé solidaire (with or without a financial participation). */
  COMPLEMENTAIRE_SANTE_SOLIDAIRE("complementaire_sante_solidaire");

  private final String route;

  Prestation(String route) {
    this.route = route;
  }

  /**
   * Returns the path segment of the route, for example {@code revenu_solidarite_active}.
   *
   * @return the segment
   */
  public String route() {
    return route;
  }
}
