package fr.socle.storage;

/**
 * The ISAD(G) level of description of an archive unit (SEDA {@code DescriptionLevel}). A document
 * of the safe is usually an {@link #ITEM}; a citizen's file of several documents is a {@link
 * #FILE}.
 */
public enum DescriptionLevel {
  /** Fonds. */
  FONDS("Fonds"),
  /** Sub-fonds. */
  SUBFONDS("Subfonds"),
  /** Class. */
  CLASS("Class"),
  /** Collection. */
  COLLECTION("Collection"),
  /** Series. */
  SERIES("Series"),
  /** Sub-series. */
  SUBSERIES("Subseries"),
  /** Record group. */
  RECORD_GROUP("RecordGrp"),
  /** Sub-group. */
  SUBGROUP("SubGrp"),
  /** File (dossier). */
  FILE("File"),
  /** Item (pièce), the default for one document. */
  ITEM("Item"),
  /** Another level. */
  OTHER_LEVEL("OtherLevel");

  private final String sedaName;

  DescriptionLevel(String sedaName) {
    this.sedaName = sedaName;
  }

  /**
   * Returns the value written in SEDA manifests.
   *
   * @return for example {@code Item}
   */
  public String sedaName() {
    return sedaName;
  }
}
