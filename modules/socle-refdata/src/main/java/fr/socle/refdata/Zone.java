package fr.socle.refdata;

/** Where a territory lies, as the COG distinguishes it. */
public enum Zone {
  /** Metropolitan France, Corsica included. */
  METRO,
  /**
   * The five overseas départements and régions (Guadeloupe, Martinique, Guyane, La Réunion,
   * Mayotte).
   */
  DROM,
  /**
   * Overseas collectivités and other territories (Saint-Pierre-et-Miquelon, Saint-Barthélemy,
   * Saint-Martin, TAAF, Wallis-et-Futuna, Polynésie française, Nouvelle-Calédonie, Clipperton).
   */
  COM;
}
