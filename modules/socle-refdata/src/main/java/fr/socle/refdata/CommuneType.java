package fr.socle.refdata;

/**
 * The kinds of "commune" entries of the COG ({@code TYPECOM}). A commune déléguée can carry the
 * same code as the commune nouvelle it belongs to (the chef-lieu), so a code alone does not always
 * identify one entry: see {@link Territories#commune(String, CommuneType)}.
 */
public enum CommuneType {
  /** A current commune ({@code COM}), with a SIREN, postal codes and a population. */
  ACTUELLE("commune-actuelle"),
  /** A commune déléguée ({@code COMD}) inside a commune nouvelle. */
  DELEGUEE("commune-deleguee"),
  /** A commune associée ({@code COMA}) of an older merger. */
  ASSOCIEE("commune-associee"),
  /** A municipal arrondissement ({@code ARM}) of Paris, Marseille or Lyon. */
  ARRONDISSEMENT_MUNICIPAL("arrondissement-municipal");

  private final String apiName;

  CommuneType(String apiName) {
    this.apiName = apiName;
  }

  /**
   * Returns the name API Géo and decoupage-administratif use.
   *
   * @return for example {@code commune-actuelle}
   */
  public String apiName() {
    return apiName;
  }
}
